package io.mbp.cli.custody;

import io.mbp.custody.KeyFiles;
import io.mbp.error.BadInputException;
import java.io.Console;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where secrets come from: the environment or a terminal prompt, never argv, never a log line.
 * The environment lookup is replaceable so in-process tests can supply secrets without a shell.
 */
public final class Secrets {
    public static final String PASSPHRASE_ENV = "MBP_KEY_PASSPHRASE";
    public static final String CHAIN_KEY_ENV = "MBP_CHAIN_KEY";
    private static volatile Function<String, String> env = System::getenv;

    private Secrets() {
    }

    /** For tests: the environment the secrets are read from. */
    public static void useEnvironment(Function<String, String> lookup) {
        env = lookup == null ? System::getenv : lookup;
    }

    public static String env(String name) {
        return env.apply(name);
    }

    /** The key-file passphrase: $MBP_KEY_PASSPHRASE, else asked on the terminal (twice when {@code confirm}). */
    public static char[] passphrase(String purpose, boolean confirm) {
        return passphrase(PASSPHRASE_ENV, "passphrase", purpose, confirm);
    }

    /**
     * A passphrase ({@code what}, e.g. "vault passphrase") from the environment variable {@code envName},
     * else asked on the terminal (twice when {@code confirm}); never from argv.
     */
    public static char[] passphrase(String envName, String what, String purpose, boolean confirm) {
        String fromEnv = env(envName);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        Console c = System.console();
        if (c == null) {
            throw new BadInputException("no " + what + " to " + purpose + ": set " + envName
                    + " or run on a terminal to be asked");
        }
        char[] first = c.readPassword("%s to %s: ", Character.toUpperCase(what.charAt(0)) + what.substring(1), purpose);
        if (first == null || first.length == 0) {
            throw new BadInputException("an empty passphrase is not accepted");
        }
        if (confirm) {
            char[] again = c.readPassword("Repeat the passphrase: ");
            if (again == null || !java.util.Arrays.equals(first, again)) {
                throw new BadInputException("the two passphrases differ; nothing was written");
            }
        }
        return first;
    }

    /**
     * The chain account's hex private key: from {@code keyfile} when given (which must be the
     * owner's only: chmod 600), else $MBP_CHAIN_KEY.
     */
    public static String chainKey(Path keyfile) {
        if (keyfile != null) {
            return KeyFiles.readOwnerOnly(keyfile, "--chain-keyfile");
        }
        String k = env(CHAIN_KEY_ENV);
        if (k == null || k.isBlank()) {
            throw new BadInputException("no chain key: set " + CHAIN_KEY_ENV + " (hex) or pass --chain-keyfile FILE;"
                    + " for the local devchain, `scripts/devchain key` prints one");
        }
        return k;
    }
}
