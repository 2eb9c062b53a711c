package io.mbp.cli.privacy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
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
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "privacy", mixinStandardHelpOptions = true,
        description = "The personal-data vault and consents (docs/privacy.md). The vault passphrase comes from "
                + "$MBP_VAULT_PASSPHRASE or a terminal prompt, never from the command line.",
        subcommands = {PrivacyCommand.Kek.class, PrivacyCommand.Consent_.class, DsrCommand.class, RetentionCommand.class})
public final class PrivacyCommand {

    @JsonPropertyOrder(alphabetic = true)
    record KekCreated(String kek, String file) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("created vault key " + kek + " in " + file);
        }
    }

    @JsonPropertyOrder(alphabetic = true)
    record KekRotated(String from, String to, long rewrapped) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("rotated " + from + " -> " + to + ": re-wrapped " + rewrapped + " key(s)");
        }
    }

    @JsonPropertyOrder(alphabetic = true)
    record KekVersion(int version, String status, String createdAt, String retiredAt) {
    }

    @JsonPropertyOrder(alphabetic = true)
    record KekStatus(String kekId, List<KekVersion> versions, @JsonIgnore String file, @JsonIgnore int active)
            implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("KEK " + kekId + " in " + file + ", active version " + active);
            for (KekVersion v : versions) {
                out.printf("  v%-3d %-8s created %s%s%n", v.version(), v.status(), v.createdAt(),
                        v.retiredAt() == null ? "" : ", retired " + v.retiredAt());
            }
        }
    }

    /** A consent recorded (granted or revoked). */
    @JsonPropertyOrder(alphabetic = true)
    record ConsentView(String account, String subject, String purpose, boolean granted, String version, String at, long seq)
            implements TextResult {
        static ConsentView of(Consent c) {
            return new ConsentView(c.account(), c.subject(), c.purpose(), c.granted(), c.version(), c.at(), c.seq());
        }

        @Override
        public void printText(PrintWriter out) {
            out.println((granted ? "granted" : "revoked") + " " + purpose + " (wording " + version + ") for " + account
                    + " at " + at);
        }
    }

    /** An account's consents: each purpose's standing, or every change. */
    record ConsentList(@JsonValue List<ConsentView> consents) implements TextResult {
        private static final String ROW = "%-12s  %-8s  %-8s  %-24s  %s%n";

        @Override
        public void printText(PrintWriter out) {
            out.printf(ROW, "PURPOSE", "STANDING", "WORDING", "AT", "SEQ");
            for (ConsentView c : consents) {
                out.printf(ROW, c.purpose(), c.granted() ? "granted" : "revoked", c.version(), c.at(), c.seq());
            }
        }
    }

    @Command(name = "kek", mixinStandardHelpOptions = true, description = "The vault's key-encryption key.",
            subcommands = {Kek.Init.class, Kek.Rotate.class, Kek.Status.class})
    static final class Kek {
        @Command(name = "init", mixinStandardHelpOptions = true, description = "Create the KEK file with version 1.")
        static final class Init extends VaultCommand {

            @Override
            public Integer call() {
                Clock clock = clock();
                LocalKekFile f = LocalKekFile.create(vault.kekPath(), VaultOptions.passphrase("encrypt the new vault key", true),
                        clock.instant());
                try (Database db = ctx.database()) {
                    // The reference secret is made now, so every later reference uses the same one.
                    db.inTransaction(dsl -> {
                        new Vault(f, clock).init(dsl);
                        return null;
                    });
                }
                return ctx.render(new KekCreated(f.active().toString(), f.file().toString()));
            }
        }

        @Command(name = "rotate", mixinStandardHelpOptions = true,
                description = "Make a new KEK version, re-wrap every data key and vault secret under it (no data is re-"
                        + "encrypted), then destroy the old version. Logged as KekRotated.")
        static final class Rotate extends VaultCommand {

            @Override
            public Integer call() {
                Vault.Rotation r;
                try (Database db = ctx.database()) {
                    r = vault.vault(clock()).rotateKek(db);
                }
                return ctx.render(new KekRotated(r.from().toString(), r.to().toString(), r.rewrapped()));
            }
        }

        @Command(name = "status", mixinStandardHelpOptions = true, description = "The KEK file's versions (needs the passphrase).")
        static final class Status extends VaultCommand {

            @Override
            public Integer call() {
                LocalKekFile f = vault.openKek();
                List<KekVersion> versions = f.versions().stream()
                        .map(v -> new KekVersion(v.version(), v.status(), v.createdAt(), v.retiredAt())).toList();
                return ctx.render(new KekStatus(f.active().kekId(), versions, f.file().toString(), f.active().version()));
            }
        }
    }

    @Command(name = "consent", mixinStandardHelpOptions = true,
            description = "Consents per purpose (kyc, payouts, marketing, analytics), versioned and revocable. Other "
                    + "code asks Consents.mayProcess(account, purpose, now).",
            subcommands = {Consent_.Grant.class, Consent_.Revoke.class, Consent_.ListConsents.class})
    static final class Consent_ {
        static Purpose purpose(String code) {
            return Purpose.of(code).orElseThrow(() -> new BadInputException("--purpose " + code + ": unknown purpose (known: "
                    + Purpose.known() + ")"));
        }

        /** How a change is recorded: {@link Consents#grant} or {@link Consents#revoke}. */
        interface Recording {
            Consent record(Consents consents, String account, Purpose purpose, String source);
        }

        /** Grant and revoke: one account, one purpose, where it was said; recorded as a new consent version. */
        abstract static class Change extends VaultCommand {
            private final Recording recording;
            @Option(names = "--account", required = true, paramLabel = "ACCOUNT") String account;
            @Option(names = "--purpose", required = true, paramLabel = "PURPOSE") String purpose;
            @Option(names = "--source", defaultValue = "operator", paramLabel = "TEXT",
                    description = "Where the consent was given or withdrawn (app screen, signed form id...; default ${DEFAULT-VALUE}).")
            String source;

            Change(Recording recording) {
                this.recording = recording;
            }

            @Override
            public Integer call() {
                Purpose p = purpose(purpose);
                Consent c;
                try (Database db = ctx.database()) {
                    c = recording.record(new Consents(db, clock()), account, p, source + " by " + vault.actor());
                }
                return ctx.render(ConsentView.of(c));
            }
        }

        @Command(name = "grant", mixinStandardHelpOptions = true, description = "Record the account's consent to a purpose (current wording).")
        static final class Grant extends Change {
            Grant() {
                super(Consents::grant);
            }
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Record that the account withdrew a consent; processing for it stops.")
        static final class Revoke extends Change {
            Revoke() {
                super(Consents::revoke);
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "Each purpose's standing for an account (--history: every change).")
        static final class ListConsents extends VaultCommand {
            @Option(names = "--account", required = true, paramLabel = "ACCOUNT") String account;
            @Option(names = "--history", description = "Every grant and revocation, oldest first.") boolean history;

            @Override
            public Integer call() {
                Clock clock = clock();
                List<Consent> rows;
                try (Database db = ctx.database()) {
                    Consents c = new Consents(db, clock);
                    rows = history ? c.history(account) : new ArrayList<>(c.current(account, clock.instant()).values());
                }
                return ctx.render(new ConsentList(rows.stream().map(ConsentView::of).toList()));
            }
        }
    }
}
