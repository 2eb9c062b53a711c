package io.mbp.jobs.steps;

import io.mbp.jobs.DataNotReadyException;
import io.mbp.jobs.Step;
import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;
import io.mbp.payout.PspAccount;
import io.mbp.recon.ReconService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * D+1 reconciliation of D-1 ({@code mbp recon d1 --date D-1 --statement FILE}): the PSP's statement of
 * D-1 arrives during D, so the night of D reconciles D-1 with {@code statement-dir}/D-1.camt053.xml
 * or, when there is none, D-1.csv. Idempotent: importing the same statement again is a no-op and the recon service
 * logs only new exceptions and a changed result. A missing statement is data not ready (exit 69);
 * without {@code statement-dir} the step completes and says it skipped.
 */
public final class ReconStep implements Step {
    @Override
    public String name() {
        return "recon";
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        LocalDate day = ctx.businessDate().minusDays(1);
        String dir = ctx.option("statement-dir", "");
        if (dir.isBlank()) {
            return StepOutcome.of(0, 0, "skipped: no --statement-dir; " + day + " was NOT reconciled here: run `mbp recon d1 --date "
                    + day + " --statement FILE` or re-run with --statement-dir");
        }
        Path csv = Path.of(dir, day + ".csv");
        Path camt = Path.of(dir, day + ".camt053.xml");
        boolean hasCsv = Files.isRegularFile(csv);
        boolean hasCamt = Files.isRegularFile(camt);
        if (!hasCsv && !hasCamt) {
            throw new DataNotReadyException("the PSP statement of " + day + " is not in " + dir + " yet (expected "
                    + csv.getFileName() + " or " + camt.getFileName() + "); re-run the job when it arrives");
        }
        // The PSP may deliver the same statement in both formats: camt.053 is the one of record.
        Path file = hasCamt ? camt : csv;
        String account = ctx.option("psp-account", PspAccount.DEFAULT);
        ReconService svc = new ReconService(ctx.db(), ctx.clock());
        ReconService.ImportResult imported = svc.importStatement(file, file.toString(), account, day);
        ReconService.Report r = svc.reconcile(account, day);
        return StepOutcome.of(r.lines(), (imported.alreadyImported() ? 0 : imported.lines()) + (r.logged() ? 1 : 0),
                "recon " + day + " with " + file.getFileName() + (imported.alreadyImported() ? " (imported before)" : "")
                + ": " + r.matchedLines() + "/" + r.lines() + " lines matched (" + r.matchedAmount() + " centavos), "
                + r.open() + " open exception(s), match rate " + r.rate() + "%");
    }
}
