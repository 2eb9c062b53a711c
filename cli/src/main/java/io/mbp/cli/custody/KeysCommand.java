package io.mbp.cli.custody;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.custody.KeyService;
import io.mbp.custody.KeyStore;
import io.mbp.custody.OperatorKey;
import io.mbp.error.InfrastructureException;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Operator signing keys (Ed25519, C2SP signed-note key ids), encrypted at rest.",
            "The passphrase comes from $MBP_KEY_PASSPHRASE or a terminal prompt, never from the command line."},
        subcommands = {KeysCommand.Init.class, KeysCommand.ListKeys.class, KeysCommand.Rotate.class, KeysCommand.ExportPublic.class})
public final class KeysCommand {

    /** A new key file with its first key. */
    record Created(@JsonValue KeyView key, Path file) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("created key " + key.keyId() + " (" + key.name() + ") in " + file);
            out.println("verifier key: " + key.verifierKey());
        }
    }

    /** The key inventory. */
    record Inventory(@JsonValue List<KeyView> keys) implements TextResult {
        private static final String ROW = "%-8s  %-8s  %-24s  %-24s  %s%n";

        @Override
        public void printText(PrintWriter out) {
            out.printf(ROW, "KEY ID", "STATUS", "CREATED", "RETIRED", "NAME");
            for (KeyView k : keys) {
                out.printf(ROW, k.keyId(), k.status(), k.createdAt(), k.retiredAt() == null ? "-" : k.retiredAt(), k.name());
            }
        }
    }

    /** A rotation: the key retired and the one now active. */
    @JsonPropertyOrder(alphabetic = true)
    record Rotated(KeyView retired, KeyView active) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("retired key " + retired.keyId() + "; active key is now " + active.keyId());
            out.println("verifier key: " + active.verifierKey());
        }
    }

    /** What every key command has: the context and the key file. */
    abstract static class OnKeyFile implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @Mixin KeyFileOption keys;
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Create the key file with a first active key.")
    static final class Init extends OnKeyFile {
        @Option(names = "--name", paramLabel = "NAME", defaultValue = "mbp.example/log",
                description = "Key name, also the checkpoint origin line (default ${DEFAULT-VALUE}).")
        String name;

        @Override
        public Integer call() {
            KeyStore store = keys.store();
            var clock = ctx.clock();
            if (store.exists()) {
                store.planInit(name, new char[0], clock.instant()); // refuses with the reason
            }
            char[] pass = Secrets.passphrase("encrypt the new key", true);
            OperatorKey k;
            try (Database db = ctx.database()) {
                k = new KeyService(db, store, clock).init(name, pass);
            }
            return ctx.render(new Created(KeyView.of(k), store.file()));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The key inventory: id, name, status, created-at.")
    static final class ListKeys extends OnKeyFile {
        @Override
        public Integer call() {
            return ctx.render(new Inventory(keys.store().keys().stream().map(KeyView::of).toList()));
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Make a new active key; the old one is retired (public half kept, so its checkpoints still verify).",
                "Publish the new verifier key (keys export-public) to everyone who verifies."})
    static final class Rotate extends OnKeyFile {
        @Override
        public Integer call() {
            KeyStore store = keys.store();
            store.active();
            char[] pass = Secrets.passphrase("unlock the current key", false);
            List<OperatorKey> r;
            try (Database db = ctx.database()) {
                r = new KeyService(db, store, ctx.clock()).rotate(pass);
            }
            return ctx.render(new Rotated(KeyView.of(r.get(0)), KeyView.of(r.get(1))));
        }
    }

    @Command(name = "export-public", mixinStandardHelpOptions = true,
            description = {"Write the active key's C2SP verifier key (name+keyid+base64(0x01‖key)), the file",
                "`mbp verify-anchor --pubkey` reads. --all writes every key, retired ones too, one per line."})
    static final class ExportPublic extends OnKeyFile {
        @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of stdout.") Path outFile;

        @Option(names = "--all", description = "Every key, retired ones too (to verify old checkpoints).") boolean all;

        @Override
        public Integer call() {
            KeyStore store = keys.store();
            List<OperatorKey> chosen = all ? store.keys() : List.of(store.active());
            StringBuilder b = new StringBuilder();
            chosen.forEach(k -> b.append(k.verifierKey()).append('\n'));
            // The key file itself is the output (also with --json): it is what verifiers are given.
            PrintWriter out = ctx.out();
            if (outFile == null) {
                out.print(b);
            } else {
                writeFile(outFile, b.toString());
                out.println("wrote " + chosen.size() + " verifier key(s) to " + outFile);
            }
            out.flush();
            return 0;
        }
    }

    /** Writes {@code text} to {@code file}, creating its folder; a failure is exit 5 naming the file. */
    static void writeFile(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InfrastructureException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
