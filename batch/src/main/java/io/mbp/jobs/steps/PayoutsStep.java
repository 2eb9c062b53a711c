package io.mbp.jobs.steps;

import io.mbp.error.BadInputException;
import io.mbp.error.MbpException;
import io.mbp.jobs.Step;
import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;
import io.mbp.payout.HttpPixRail;
import io.mbp.payout.KycPayoutGate;
import io.mbp.payout.Payees;
import io.mbp.payout.VaultPayeeKeys;
import io.mbp.screenhooks.ScreeningPayoutGate;
import io.mbp.screenhooks.SubjectScreening;
import io.mbp.privacy.LocalKekFile;
import io.mbp.privacy.Vault;
import java.nio.file.Path;
import java.util.function.Function;
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
    private final Function<String, String> env;

    /** {@code env} supplies the vault passphrase ($MBP_VAULT_PASSPHRASE) and key file ($MBP_KEK_FILE). */
    public PayoutsStep(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "payouts";
    }

    /** On PostgreSQL a second nightly joins this step as a claiming worker (docs/adr/0310). */
    @Override
    public boolean splittable() {
        return true;
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
            long limit = longOption(ctx, "unverified-limit", 0);
            if (limit < 0) {
                throw new BadInputException("--unverified-limit " + limit + ": centavos must be >= 0");
            }
            // KYC first (ADR 0704), then screening of the payee against the current lists (ADR 0717)
            Payees payees = new Payees(new ScreeningPayoutGate(KycPayoutGate.of(ctx.db(), limit), ctx.db(), ctx.clock(),
                    () -> new SubjectScreening(ctx.db(), vault(ctx), ctx.clock(), "mbp nightly")),
                    new VaultPayeeKeys(ctx.db(), () -> vault(ctx), "mbp nightly"));
            s = new PayoutService(ctx.db(), ctx.clock()).run(ctx.businessDate(), new HttpPixRail(psp, Duration.ofMillis(timeoutMs)),
                    d -> Thread.sleep(d.toMillis()), RetryPolicy.DEFAULT, parallelism(ctx), payees, !ctx.joined());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MbpException(1, "payouts " + ctx.businessDate() + ": interrupted; re-run the job to resume");
        }
        PayoutRunner.Report r = s.report();
        return StepOutcome.of(r.attempted(), s.instructed() + r.attempted() + s.returns(), "payouts " + s.date() + " via " + psp
                + (ctx.joined() ? " (this worker's share)" : "") + ": "
                + s.instructed() + " newly instructed, " + r.attempted() + " sends, " + r.confirmed() + " confirmed ("
                + r.confirmedAmount() + " centavos), " + r.pending() + " pending, " + r.parked() + " parked, "
                + s.returns() + " returns recorded" + refusals(s));
    }

    /** The gate's refusals for the job log: they do not fail the night (seal, anchor, evidence still run; ADR 0704). */
    static String refusals(PayoutService.RunSummary s) {
        if (s.refused().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("; " + s.refused().size() + " not sent, refused by the KYC gate or held by screening (");
        int shown = 0;
        for (PayoutService.Refusal r : s.refused()) {
            if (shown++ == 5) {
                b.append(", ...");
                break;
            }
            b.append(shown > 1 ? ", " : "").append(r.account()).append(": ").append(r.reason());
        }
        return b.append("): see `mbp payouts run`").toString();
    }

    private Vault vault(StepContext ctx) {
        String file = ctx.option("kek-file", env.apply("MBP_KEK_FILE") == null ? "" : env.apply("MBP_KEK_FILE"));
        Path path = file.isBlank() ? LocalKekFile.DEFAULT_PATH : Path.of(file);
        String pass = env.apply("MBP_VAULT_PASSPHRASE");
        if (pass == null || pass.isEmpty()) {
            throw new BadInputException("payouts of PIX keys held by reference need the vault " + path + ": cron has no"
                    + " terminal, so set MBP_VAULT_PASSPHRASE in the job's environment");
        }
        return new Vault(LocalKekFile.open(path, pass.toCharArray()), ctx.clock());
    }

    /** Sends in flight at once ({@code psp-parallelism}, default 16); a worker claims 4 times as many at a time. */
    private static int parallelism(StepContext ctx) {
        long n = longOption(ctx, "psp-parallelism", 16);
        if (n < 1 || n > 256) {
            throw new BadInputException("--psp-parallelism " + n + ": must be 1 to 256");
        }
        return (int) n;
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
