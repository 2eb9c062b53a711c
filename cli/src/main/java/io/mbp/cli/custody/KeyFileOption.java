package io.mbp.cli.custody;

import io.mbp.custody.KeyStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Option;

/** {@code --keyfile}, shared by every command that reads the operator key file. */
public final class KeyFileOption {
    @Option(names = "--keyfile", paramLabel = "FILE",
            description = "Operator key file (default: $MBP_KEYFILE, else data/keys/operator-keys.json).")
    Path keyfile;

    public KeyStore store() {
        return KeyStore.locate(keyfile == null ? null : keyfile.toString(), Secrets::env);
    }

    /** Prints the key-age warning (from 80 days; refused past 90), if due, to stderr. */
    public static void warnIfOld(KeyStore store, PrintWriter err, Instant now) {
        try {
            store.ageWarning(now).ifPresent(w -> {
                err.println("mbp: warning: " + w);
                err.flush();
            });
        } catch (RuntimeException e) {
            // An unreadable key file is reported by the command itself.
        }
    }
}
