package io.mbp.jobs.steps;

import io.mbp.error.MbpException;
import io.mbp.jobs.Step;
import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;
import io.mbp.privacy.LocalKekFile;
import io.mbp.privacy.Vault;
import io.mbp.privacy.retention.RetentionPolicy;
import io.mbp.privacy.retention.RetentionService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The retention policy ({@code mbp privacy retention run}, ADR 0706) at the job's clock: archive, shred,
 * execute erasures whose legal retention ended. Idempotent: a second run finds nothing to change and
 * logs nothing. Archiving and shredding need no key; after shredding, the KEK is rotated when the
 * vault key file ({@code kek-file}, else $MBP_KEK_FILE, else the default) and $MBP_VAULT_PASSPHRASE are
 * there, so stale copies of destroyed keys open nothing; otherwise the step says to rotate by hand.
 * It runs before the seal, so the night's retention events are sealed with the day.
 */
public final class RetentionStep implements Step {
    public static final String PASSPHRASE_ENV = "MBP_VAULT_PASSPHRASE";
    private final Function<String, String> env;

    public RetentionStep(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "retention";
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        RetentionService.Report r = new RetentionService(ctx.db(), new Vault(null, ctx.clock()), ctx.clock(), RetentionPolicy.STANDARD)
                .run();
        String kek = r.destroyed() == 0 ? "" : "; " + rotate(ctx);
        return StepOutcome.of(r.subjects(), r.logged() ? 1 : 0, "retention as of " + r.asOf() + ": " + r.subjects() + " subject(s), "
                + r.archived() + " archived, " + r.shredded() + " shredded, " + r.erasuresExecuted() + " erasure(s) executed, "
                + r.rescheduled() + " rescheduled" + kek);
    }

    private String rotate(StepContext ctx) {
        String fromEnv = env.apply("MBP_KEK_FILE");
        Path file = Path.of(ctx.option("kek-file", fromEnv == null || fromEnv.isBlank() ? LocalKekFile.DEFAULT_PATH.toString() : fromEnv));
        String pass = env.apply(PASSPHRASE_ENV);
        if (!Files.isRegularFile(file) || pass == null || pass.isEmpty()) {
            return "KEK NOT rotated (no vault key file or no $" + PASSPHRASE_ENV + " in the job's environment): run `mbp privacy kek"
                    + " rotate`";
        }
        try {
            Vault.Rotation rot = new Vault(LocalKekFile.open(file, pass.toCharArray()), ctx.clock()).rotateKek(ctx.db());
            return "KEK rotated " + rot.from() + " -> " + rot.to();
        } catch (MbpException e) {
            return "KEK NOT rotated (" + e.getMessage() + "): run `mbp privacy kek rotate`";
        }
    }
}
