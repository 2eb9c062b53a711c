package io.mbp.cli.privacy;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.error.BadInputException;
import io.mbp.privacy.Consent;
import io.mbp.privacy.Consents;
import io.mbp.privacy.LocalKekFile;
import io.mbp.privacy.Purpose;
import io.mbp.privacy.Vault;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
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

@Command(name = "privacy", mixinStandardHelpOptions = true,
        description = "The personal-data vault and consents (docs/privacy.md). The vault passphrase comes from "
                + "$MBP_VAULT_PASSPHRASE or a terminal prompt, never from the command line.",
        subcommands = {PrivacyCommand.Kek.class, PrivacyCommand.Consent_.class})
public final class PrivacyCommand {

    @Command(name = "kek", mixinStandardHelpOptions = true, description = "The vault's key-encryption key.",
            subcommands = {Kek.Init.class, Kek.Rotate.class, Kek.Status.class})
    static final class Kek {
        @Command(name = "init", mixinStandardHelpOptions = true, description = "Create the KEK file with version 1.")
        static final class Init implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            VaultOptions vault;

            @Override
            public Integer call() {
                GlobalOptions g = Globals.of(spec);
                LocalKekFile f = LocalKekFile.create(vault.kekPath(), VaultOptions.passphrase("encrypt the new vault key", true),
                        vault.clock().instant());
                try (Database db = Database.openMigrated(g.dbUrl())) {
                    // The reference secret is made now, so every later reference uses the same one.
                    db.inTransaction(dsl -> {
                        new Vault(f, vault.clock()).init(dsl);
                        return null;
                    });
                }
                PrintWriter out = spec.commandLine().getOut();
                if (g.json()) {
                    Render.json(out, Map.of("kek", f.active().toString(), "file", f.file().toString()));
                } else {
                    out.println("created vault key " + f.active() + " in " + f.file());
                    out.flush();
                }
                return 0;
            }
        }

        @Command(name = "rotate", mixinStandardHelpOptions = true,
                description = "Make a new KEK version, re-wrap every data key and vault secret under it (no data is re-"
                        + "encrypted), then destroy the old version. Logged as KekRotated.")
        static final class Rotate implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            VaultOptions vault;

            @Override
            public Integer call() {
                GlobalOptions g = Globals.of(spec);
                Vault.Rotation r;
                try (Database db = Database.openMigrated(g.dbUrl())) {
                    r = vault.vault(vault.clock()).rotateKek(db);
                }
                PrintWriter out = spec.commandLine().getOut();
                if (g.json()) {
                    Render.json(out, Map.of("from", r.from().toString(), "to", r.to().toString(), "rewrapped", r.rewrapped()));
                } else {
                    out.println("rotated " + r.from() + " -> " + r.to() + ": re-wrapped " + r.rewrapped() + " key(s)");
                    out.flush();
                }
                return 0;
            }
        }

        @Command(name = "status", mixinStandardHelpOptions = true, description = "The KEK file's versions (needs the passphrase).")
        static final class Status implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            VaultOptions vault;

            @Override
            public Integer call() {
                LocalKekFile f = vault.openKek();
                PrintWriter out = spec.commandLine().getOut();
                List<Object> rows = new ArrayList<>();
                for (LocalKekFile.Version v : f.versions()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("version", v.version());
                    m.put("status", v.status());
                    m.put("created_at", v.createdAt());
                    m.put("retired_at", v.retiredAt());
                    rows.add(m);
                }
                if (Globals.of(spec).json()) {
                    Render.json(out, Map.of("kek_id", f.active().kekId(), "versions", rows));
                } else {
                    out.println("KEK " + f.active().kekId() + " in " + f.file() + ", active version " + f.active().version());
                    for (LocalKekFile.Version v : f.versions()) {
                        out.printf("  v%-3d %-8s created %s%s%n", v.version(), v.status(), v.createdAt(),
                                v.retiredAt() == null ? "" : ", retired " + v.retiredAt());
                    }
                    out.flush();
                }
                return 0;
            }
        }
    }

    @Command(name = "consent", mixinStandardHelpOptions = true,
            description = "Consents per purpose (kyc, payouts, marketing, analytics), versioned and revocable. Other "
                    + "code asks Consents.mayProcess(account, purpose, now).",
            subcommands = {Consent_.Grant.class, Consent_.Revoke.class, Consent_.ListConsents.class})
    static final class Consent_ {
        static Map<String, Object> json(Consent c) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("account", c.account());
            m.put("subject", c.subject());
            m.put("purpose", c.purpose());
            m.put("granted", c.granted());
            m.put("version", c.version());
            m.put("at", c.at());
            m.put("seq", c.seq());
            return m;
        }

        static Purpose purpose(String code) {
            return Purpose.of(code).orElseThrow(() -> new BadInputException("--purpose " + code + ": unknown purpose (known: "
                    + Purpose.known() + ")"));
        }

        static void print(CommandSpec spec, Consent c, String verb) {
            PrintWriter out = spec.commandLine().getOut();
            if (Globals.of(spec).json()) {
                Render.json(out, json(c));
            } else {
                out.println(verb + " " + c.purpose() + " (wording " + c.version() + ") for " + c.account() + " at " + c.at());
                out.flush();
            }
        }

        @Command(name = "grant", mixinStandardHelpOptions = true, description = "Record the account's consent to a purpose (current wording).")
        static final class Grant implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            VaultOptions vault;
            @Option(names = "--account", required = true, paramLabel = "ACCOUNT")
            String account;
            @Option(names = "--purpose", required = true, paramLabel = "PURPOSE")
            String purpose;
            @Option(names = "--source", defaultValue = "operator", paramLabel = "TEXT",
                    description = "Where the consent was given (app screen, signed form id...; default ${DEFAULT-VALUE}).")
            String source;

            @Override
            public Integer call() {
                Purpose p = purpose(purpose);
                Clock clock = vault.clock();
                try (Database db = Database.openMigrated(Globals.of(spec).dbUrl())) {
                    print(spec, new Consents(db, clock).grant(account, p, source + " by " + vault.actor()), "granted");
                }
                return 0;
            }
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Record that the account withdrew a consent; processing for it stops.")
        static final class Revoke implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            VaultOptions vault;
            @Option(names = "--account", required = true, paramLabel = "ACCOUNT")
            String account;
            @Option(names = "--purpose", required = true, paramLabel = "PURPOSE")
            String purpose;
            @Option(names = "--source", defaultValue = "operator", paramLabel = "TEXT",
                    description = "Where the withdrawal was asked (default ${DEFAULT-VALUE}).")
            String source;

            @Override
            public Integer call() {
                Purpose p = purpose(purpose);
                Clock clock = vault.clock();
                try (Database db = Database.openMigrated(Globals.of(spec).dbUrl())) {
                    print(spec, new Consents(db, clock).revoke(account, p, source + " by " + vault.actor()), "revoked");
                }
                return 0;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "Each purpose's standing for an account (--history: every change).")
        static final class ListConsents implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            VaultOptions vault;
            @Option(names = "--account", required = true, paramLabel = "ACCOUNT")
            String account;
            @Option(names = "--history", description = "Every grant and revocation, oldest first.")
            boolean history;

            @Override
            public Integer call() {
                Clock clock = vault.clock();
                List<Consent> rows;
                try (Database db = Database.openMigrated(Globals.of(spec).dbUrl())) {
                    Consents c = new Consents(db, clock);
                    rows = history ? c.history(account) : new ArrayList<>(c.current(account, clock.instant()).values());
                }
                PrintWriter out = spec.commandLine().getOut();
                if (Globals.of(spec).json()) {
                    Render.json(out, rows.stream().map(Consent_::json).toList());
                } else {
                    out.printf("%-12s  %-8s  %-8s  %-24s  %s%n", "PURPOSE", "STANDING", "WORDING", "AT", "SEQ");
                    for (Consent c : rows) {
                        out.printf("%-12s  %-8s  %-8s  %-24s  %d%n", c.purpose(), c.granted() ? "granted" : "revoked", c.version(),
                                c.at(), c.seq());
                    }
                    out.flush();
                }
                return 0;
            }
        }
    }
}
