package io.mbp.jobs.steps;

import io.mbp.error.BadInputException;
import io.mbp.error.MbpException;
import io.mbp.jobs.Step;
import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;
import io.mbp.payout.HttpPixRail;
import io.mbp.payout.PayoutRunner;
import io.mbp.payout.PayoutService;
import io.mbp.payout.RetryPolicy;
import java.time.Duration;

/**
 * The payouts run for the business date through the PSP at option {@code psp}
 * ({@code mbp payouts run --date D --psp URL}). Idempotent: the payout service instructs each
 * payout once and sends under the same id, so nothing pays twice. Without {@code psp} the step
 * completes and says it skipped, like the anchor step without a chain.
 */
public final class PayoutsStep implements Step {
    @Override
    public String name() {
        return "payouts";
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        String psp = ctx.option("psp", "");
        if (psp.isBlank()) {
            return StepOutcome.of(0, 0, "skipped: no --psp; no payout of " + ctx.businessDate()
                    + " was sent: run `mbp payouts run --date " + ctx.businessDate() + " --psp URL` or re-run with --psp");
        }
        long timeoutMs = longOption(ctx, "psp-timeout-ms", 2000);
        PayoutService.RunSummary s;
        try {
            s = new PayoutService(ctx.db(), ctx.clock()).run(ctx.businessDate(), new HttpPixRail(psp, Duration.ofMillis(timeoutMs)),
                    d -> Thread.sleep(d.toMillis()), RetryPolicy.DEFAULT, 16);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MbpException(1, "payouts " + ctx.businessDate() + ": interrupted; re-run the job to resume");
        }
        PayoutRunner.Report r = s.report();
        return StepOutcome.of(r.attempted(), s.instructed() + r.attempted() + s.returns(), "payouts " + s.date() + " via " + psp + ": "
                + s.instructed() + " newly instructed, " + r.attempted() + " sends, " + r.confirmed() + " confirmed ("
                + r.confirmedAmount() + " centavos), " + r.pending() + " pending, " + r.parked() + " parked, "
                + s.returns() + " returns recorded");
    }

    static long longOption(StepContext ctx, String key, long fallback) {
        String v = ctx.option(key, Long.toString(fallback));
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadInputException("--" + key + " " + v + ": not a whole number");
        }
    }
}
