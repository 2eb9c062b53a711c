package io.mbp.jobs.steps;

import io.mbp.anchor.ChainAccount;
import io.mbp.custody.KeyStore;
import io.mbp.custody.NoteSigner;
import io.mbp.error.BadInputException;
import io.mbp.jobs.StepContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Secrets for unattended steps, as the custody commands take them: the operator key file from the
 * job option {@code keyfile} (else $MBP_KEYFILE, else the default path) opened with
 * $MBP_KEY_PASSPHRASE, the chain key from {@code chain-keyfile} or $MBP_CHAIN_KEY. Job options
 * name files and never hold a secret, since options are shown in logs.
 */
public final class StepSecrets {
    public static final String PASSPHRASE_ENV = "MBP_KEY_PASSPHRASE";
    public static final String CHAIN_KEY_ENV = "MBP_CHAIN_KEY";
    private final Function<String, String> env;

    public StepSecrets(Function<String, String> env) {
        this.env = env;
    }

    public KeyStore keyStore(StepContext ctx) {
        String file = ctx.options().get("keyfile");
        if (file == null || file.isBlank()) {
            file = env.apply("MBP_KEYFILE");
        }
        return new KeyStore(file == null || file.isBlank() ? KeyStore.DEFAULT_PATH : Path.of(file));
    }

    public NoteSigner signer(StepContext ctx) {
        KeyStore store = keyStore(ctx);
        store.active();
        String pass = env.apply(PASSPHRASE_ENV);
        if (pass == null || pass.isEmpty()) {
            throw new BadInputException("no passphrase for the operator key " + store.file() + ": cron has no terminal,"
                    + " so set " + PASSPHRASE_ENV + " in the job's environment");
        }
        return store.unlock(pass.toCharArray());
    }

    public ChainAccount chainAccount(StepContext ctx) {
        String file = ctx.options().get("chain-keyfile");
        if (file != null && !file.isBlank()) {
            try {
                return ChainAccount.fromHex(Files.readString(Path.of(file), StandardCharsets.US_ASCII).strip(),
                        "--chain-keyfile " + file);
            } catch (IOException e) {
                throw new BadInputException("--chain-keyfile " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
            }
        }
        String k = env.apply(CHAIN_KEY_ENV);
        if (k == null || k.isBlank()) {
            throw new BadInputException("no chain key for the anchor step: set " + CHAIN_KEY_ENV
                    + " (hex) or pass --chain-keyfile FILE, or --skip-anchor where there is no chain");
        }
        return ChainAccount.fromHex(k, "$" + CHAIN_KEY_ENV);
    }
}
