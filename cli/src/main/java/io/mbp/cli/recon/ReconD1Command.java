package io.mbp.cli.recon;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.NowOption;
import io.mbp.cli.TextResult;
import io.mbp.error.ExitCodes;
import io.mbp.error.UsageException;
import io.mbp.payout.PspAccount;
import io.mbp.recon.ReconReports;
import io.mbp.recon.ReconService;
import io.mbp.sql.Database;
import io.mbp.statement.StatementFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "d1", mixinStandardHelpOptions = true,
        description = {"Import the statement of --date (CSV, camt.053, CNAB 240 or OFX; the same file twice is a no-op) and",
            "reconcile it with the ledger: E2EID, then reference, then amount+date+counterparty; zero tolerance;",
            "then its balances: opening + movements = closing, the previous day's closing = this opening, no",
            "missing day, the ledger's balance = the bank's closing (ADR 0509).",
            "Exit 3 with --fail-under when the match rate (matched + resolved, balance exceptions included) is below it."})
public final class ReconD1Command implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--date", required = true, paramLabel = "D") LocalDate date;

    @Option(names = "--statement", paramLabel = "FILE",
            description = "Statement file to import first; without it, the date's last imported statement is used.")
    Path statement;

    @Option(names = "--statement-format", defaultValue = "auto", paramLabel = "LAYOUT",
            description = {"Layout of --statement: auto (by content: OFXHEADER or <?OFX is OFX, other XML camt.053, a first",
                "record of 240 characters CNAB 240, else our CSV), csv, camt053, cnab240 or ofx (1.x or 2.x)."})
    String statementFormat;

    @Option(names = "--account", defaultValue = PspAccount.DEFAULT,
            description = "Our account at the PSP; a statement of another account is refused (default ${DEFAULT-VALUE}).")
    String account;

    @Option(names = "--format", defaultValue = "text", description = "Report on stdout: text, csv or json (--json = json).") String format;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Also write recon-D.txt, .csv and .json here.") Path reportDir;

    @Option(names = "--fail-under", paramLabel = "PCT", description = "Exit 3 if the match rate is below PCT (e.g. 100).") Integer failUnder;

    @Mixin NowOption now;

    /** The report in the format asked for, as the report files have it (their JSON is the report's own, indented). */
    record Result(@JsonValue @JsonRawValue String json, @JsonIgnore String text) implements TextResult {
        static Result of(ReconService.Report r, String format) {
            return new Result(ReconReports.json(r).stripTrailing(), switch (format) {
                case "json" -> ReconReports.json(r);
                case "csv" -> ReconReports.csv(r);
                default -> ReconReports.text(r);
            });
        }

        @Override
        public void printText(PrintWriter out) {
            out.print(text);
        }
    }

    @Override
    public Integer call() {
        String fmt = ctx.json() ? "json" : format;
        if (!fmt.equals("text") && !fmt.equals("csv") && !fmt.equals("json")) {
            throw new UsageException("--format must be text, csv or json, got " + format);
        }
        StatementFormat.Layout layout = null;
        if (!"auto".equals(statementFormat)) {
            layout = StatementFormat.Layout.of(statementFormat);
            if (layout == null) {
                throw new UsageException("--statement-format must be auto, csv, camt053, cnab240 or ofx, got " + statementFormat);
            }
        }
        ReconService.ImportResult imported = null;
        ReconService.Report r;
        try (Database db = ctx.database()) {
            ReconService svc = new ReconService(db, now.clock(ctx.clock()));
            if (statement != null) {
                // Streamed within the statement limits (docs/payouts-recon.md), never read whole.
                imported = svc.importStatement(statement, statement.toString(), account, date, layout);
            }
            r = svc.reconcile(account, date);
        }
        PrintWriter err = ctx.err();
        if (imported != null) {
            err.println(imported.alreadyImported()
                    ? "statement " + statement + " was imported before (sha256 " + imported.statementId().substring(0, 12)
                            + "...): not imported again"
                    : "imported " + imported.lines() + " " + imported.format() + " lines from " + statement);
            err.flush();
        }
        ctx.render(Result.of(r, fmt));
        if (reportDir != null) {
            ReconReports.write(reportDir, r);
        }
        if (failUnder != null && r.rateBasisPoints() < failUnder * 100L) {
            long balance = r.exceptions().stream().filter(v -> v.open()
                    && io.mbp.recon.ReconExceptionRaised.BALANCE_KINDS.contains(v.raised().kind())).count();
            err.println("mbp: recon " + date + ": match rate " + r.rate() + "% is below --fail-under " + failUnder
                    + " (" + r.open() + " open exceptions" + (balance > 0 ? ", " + balance + " of them about balances" : "")
                    + ": `mbp recon exceptions list --date " + date + "`)");
            err.flush();
            return ExitCodes.VERIFICATION_FAILED;
        }
        return 0;
    }
}
