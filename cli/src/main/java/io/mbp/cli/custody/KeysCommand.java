package io.mbp.cli.custody;

import io.mbp.cli.CliClock;
import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Operator signing keys (Ed25519, C2SP signed-note key ids), encrypted at rest.",
            "The passphrase comes from $MBP_KEY_PASSPHRASE or a terminal prompt, never from the command line."},
        subcommands = {KeysCommand.Init.class, KeysCommand.ListKeys.class, KeysCommand.Rotate.class, KeysCommand.ExportPublic.class})
public final class KeysCommand {

    static Map<String, Object> json(OperatorKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key_id", k.keyId());
        m.put("name", k.name());
        m.put("status", k.status());
        m.put("created_at", k.createdAt());
        m.put("retired_at", k.retiredAt());
        m.put("verifier_key", k.verifierKey());
        return m;
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Create the key file with a first active key.")
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        KeyFileOption keys;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "mbp.example/log",
                description = "Key name, also the checkpoint origin line (default ${DEFAULT-VALUE}).")
        String name;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            KeyStore store = keys.store();
            if (store.exists()) {
                store.planInit(name, new char[0], CliClock.get().instant()); // refuses with the reason
            }
            char[] pass = Secrets.passphrase("encrypt the new key", true);
            OperatorKey k;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                k = new KeyService(db, store, CliClock.get()).init(name, pass);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Render.json(out, json(k));
            } else {
                out.println("created key " + k.keyId() + " (" + k.name() + ") in " + store.file());
                out.println("verifier key: " + k.verifierKey());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The key inventory: id, name, status, created-at.")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        KeyFileOption keys;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            KeyStore store = keys.store();
            List<OperatorKey> all = store.keys();
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                List<Object> list = new ArrayList<>();
                all.forEach(k -> list.add(json(k)));
                Render.json(out, list);
            } else {
                out.printf("%-8s  %-8s  %-24s  %-24s  %s%n", "KEY ID", "STATUS", "CREATED", "RETIRED", "NAME");
                for (OperatorKey k : all) {
                    out.printf("%-8s  %-8s  %-24s  %-24s  %s%n", k.keyId(), k.status(), k.createdAt(),
                            k.retiredAt() == null ? "-" : k.retiredAt(), k.name());
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Make a new active key; the old one is retired (public half kept, so its checkpoints still verify).",
                "Publish the new verifier key (keys export-public) to everyone who verifies."})
    static final class Rotate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        KeyFileOption keys;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            KeyStore store = keys.store();
            store.active();
            char[] pass = Secrets.passphrase("unlock the current key", false);
            List<OperatorKey> r;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                r = new KeyService(db, store, CliClock.get()).rotate(pass);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("retired", json(r.get(0)));
                m.put("active", json(r.get(1)));
                Render.json(out, m);
            } else {
                out.println("retired key " + r.get(0).keyId() + "; active key is now " + r.get(1).keyId());
                out.println("verifier key: " + r.get(1).verifierKey());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "export-public", mixinStandardHelpOptions = true,
            description = {"Write the active key's C2SP verifier key (name+keyid+base64(0x01‖key)), the file",
                "`mbp verify-anchor --pubkey` reads. --all writes every key, retired ones too, one per line."})
    static final class ExportPublic implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        KeyFileOption keys;

        @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of stdout.")
        Path outFile;

        @Option(names = "--all", description = "Every key, retired ones too (to verify old checkpoints).")
        boolean all;

        @Override
        public Integer call() {
            KeyStore store = keys.store();
            List<OperatorKey> chosen = all ? store.keys() : List.of(store.active());
            StringBuilder b = new StringBuilder();
            chosen.forEach(k -> b.append(k.verifierKey()).append('\n'));
            if (outFile == null) {
                spec.commandLine().getOut().print(b);
                spec.commandLine().getOut().flush();
            } else {
                try {
                    Path parent = outFile.toAbsolutePath().getParent();
                    Files.createDirectories(parent);
                    Files.writeString(outFile, b, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new InfrastructureException("cannot write " + outFile + ": " + e.getMessage(), e);
                }
                spec.commandLine().getOut().println("wrote " + chosen.size() + " verifier key(s) to " + outFile);
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }
}
