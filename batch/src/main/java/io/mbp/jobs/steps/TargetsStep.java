package io.mbp.jobs.steps;

import io.mbp.error.BadInputException;
import io.mbp.error.VerificationFailedException;
import io.mbp.jobs.Step;
import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;
import io.mbp.payout.PayoutService;
import io.mbp.recon.ReconStreak;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The night's targets, checked last so every other step has run (ADR 0513): the D+1 reconciliation
 * of D-1 at or above {@code recon-fail-under} percent (default 100) and the payouts MTTR p95 of the
 * payouts confirmed on D within {@link PayoutService.Mttr#TARGET_P95}. A miss is exit 3 (verification
 * failed) naming both numbers; a re-run resumes here and stays red until the day is put right
 * (exceptions resolved and the day reconciled again). A D-1 with no reconciliation logged (the recon
 * step skipped: no statement folder) has nothing to measure and is said so.
 */
public final class TargetsStep implements Step {
    @Override
    public String name() {
        return "targets";
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        long floor = floor(ctx.option("recon-fail-under", "100"));
        LocalDate day = ctx.businessDate().minusDays(1);
        ReconStreak.Day recon = ReconStreak.read(ctx.db(), day, 1).days().get(0);
        PayoutService.Mttr mttr = new PayoutService(ctx.db(), ctx.clock()).mttr(ctx.businessDate(), ctx.businessDate());
        List<String> missed = new ArrayList<>();
        String reconText;
        if (!recon.logged()) {
            reconText = "recon " + day + ": none logged, not measured";
        } else {
            reconText = "recon " + day + " " + recon.rate() + "% (fail under " + percent(floor) + "%)";
            if (recon.basisPoints() < floor) {
                missed.add("reconciliation of " + day + " is " + recon.rate() + "% with " + recon.open() + " open exception(s), under "
                        + percent(floor) + "% (log seq " + recon.seq() + "): resolve them (`mbp recon exceptions`) and reconcile again");
            }
        }
        String mttrText = "payouts MTTR " + ctx.businessDate() + (mttr.samples() == 0 ? ": no recovered payout"
                : " p95 " + mttr.p95() + " over " + mttr.samples() + " (target " + PayoutService.Mttr.TARGET_P95 + ")");
        if (!mttr.targetMet()) {
            missed.add("payouts MTTR p95 of " + ctx.businessDate() + " is " + mttr.p95() + ", above the target "
                    + PayoutService.Mttr.TARGET_P95 + " (`mbp payouts mttr --from " + ctx.businessDate() + " --to " + ctx.businessDate() + "`)");
        }
        if (!missed.isEmpty()) {
            throw new VerificationFailedException("targets missed: " + String.join("; ", missed));
        }
        return StepOutcome.of(2, 0, reconText + "; " + mttrText);
    }

    /** "100", "99.5" or "99.50" percent to basis points; integer arithmetic only. */
    public static long floor(String pct) {
        if (!pct.matches("\\d{1,3}(\\.\\d{1,2})?")) {
            throw new BadInputException("--recon-fail-under " + pct + ": a percentage from 0 to 100 with at most two decimals");
        }
        long bp = ReconStreak.basisPoints(pct);
        if (bp > ReconStreak.FULL) {
            throw new BadInputException("--recon-fail-under " + pct + ": at most 100");
        }
        return bp;
    }

    private static String percent(long bp) {
        return bp / 100 + "." + String.format("%02d", bp % 100);
    }
}
