package io.mbp.jobs.steps;

import io.mbp.anchor.ChainAccount;
import io.mbp.custody.KeyAge;
import io.mbp.custody.KeyFiles;
import io.mbp.custody.KeyStore;
import io.mbp.custody.NoteSigner;
import io.mbp.custody.StaleKeyGuard;
import io.mbp.error.BadInputException;
import io.mbp.jobs.StepContext;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Secrets for unattended steps, as the custody commands take them: the operator key file from the
 * job option {@code keyfile} (else $MBP_KEYFILE, else the default path) opened with
 * $MBP_KEY_PASSPHRASE, the chain key from {@code chain-keyfile} or $MBP_CHAIN_KEY. Job options
 * name files and never hold a secret, since options are shown in logs. Key files must be the
 * owner's only, and a key past 90 days signs only with the override: job option
 * {@code allow-stale-key} or $MBP_ALLOW_STALE_KEY=1 (docs/adr/0106).
 */
public final class StepSecrets {
    public static final String PASSPHRASE_ENV = "MBP_KEY_PASSPHRASE";
    public static final String CHAIN_KEY_ENV = "MBP_CHAIN_KEY";
    private final Function<String, String> env;

    public StepSecrets(Function<String, String> env) {
        this.env = env;
    }

    public KeyStore keyStore(StepContext ctx) {
        return KeyStore.locate(ctx.options().get("keyfile"), env);
    }

    /** The operator key, unlocked and let sign for {@code purpose}; {@code staleNote} is for the step's report. */
    public record Signing(NoteSigner signer, Optional<String> staleNote) {
        public String suffix() {
            return staleNote.map(n -> "; " + n).orElse("");
        }
    }

    public Signing signer(StepContext ctx, String purpose) {
        KeyStore store = keyStore(ctx);
        store.active();
        String pass = env.apply(PASSPHRASE_ENV);
        if (pass == null || pass.isEmpty()) {
            throw new BadInputException("no passphrase for the operator key " + store.file() + ": cron has no terminal,"
                    + " so set " + PASSPHRASE_ENV + " in the job's environment");
        }
        KeyAge age = store.age(ctx.clock().instant()).orElseThrow();
        StaleKeyGuard.requireAllowed(age, purpose, allowedBy(ctx));
        NoteSigner signer = store.unlock(pass.toCharArray());
        return new Signing(signer, admit(ctx, age, purpose));
    }

    /** The 90-day rule for {@code age}'s key (refused, or allowed by the override and recorded). */
    public Optional<String> admit(StepContext ctx, KeyAge age, String purpose) {
        return StaleKeyGuard.admit(ctx.db(), age, purpose, allowedBy(ctx));
    }

    /** Which override lets a stale key sign in this run, or null for none. */
    String allowedBy(StepContext ctx) {
        return StaleKeyGuard.override(Boolean.parseBoolean(ctx.option("allow-stale-key", "false")), env);
    }

    public ChainAccount chainAccount(StepContext ctx) {
        String file = ctx.options().get("chain-keyfile");
        if (file != null && !file.isBlank()) {
            return ChainAccount.fromHex(KeyFiles.readOwnerOnly(Path.of(file), "--chain-keyfile"), "--chain-keyfile " + file);
        }
        String k = env.apply(CHAIN_KEY_ENV);
        if (k == null || k.isBlank()) {
            throw new BadInputException("no chain key for the anchor step: set " + CHAIN_KEY_ENV
                    + " (hex) or give a chain key file, or skip anchoring where there is no chain").about("chain-key");
        }
        return ChainAccount.fromHex(k, "$" + CHAIN_KEY_ENV);
    }
}
