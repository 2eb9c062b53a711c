package io.mbp.cli.privacy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mbp.cli.TextResult;
import io.mbp.dsr.DsrService;
import io.mbp.dsr.SubjectExport;
import io.mbp.error.BadInputException;
import io.mbp.error.MbpException;
import io.mbp.error.UsageException;
import io.mbp.privacy.Vault;
import io.mbp.privacy.retention.ErasureScheduled;
import io.mbp.privacy.retention.RetentionPolicy;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dsr", mixinStandardHelpOptions = true,
        description = "Data-subject requests (LGPD art. 18, 19; docs/runbooks/privacy-requests.md): export what we hold,"
                + " erase (crypto-shred, or schedule behind a legal retention), log a request to answer later, list"
                + " open requests and their deadlines.",
        subcommands = {DsrCommand.Export.class, DsrCommand.Erase.class, DsrCommand.Request.class, DsrCommand.ListRequests.class})
public final class DsrCommand {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    /** --request, --received and --sla-days, shared by the commands that log or answer a request. */
    abstract static class RequestCommand extends VaultCommand {
        @Option(names = "--account", required = true, paramLabel = "ACCOUNT") String account;

        @Option(names = "--received", paramLabel = "TS",
                description = "When the subject's request arrived (UTC; default: now). The SLA counts from here.")
        String received;

        @Option(names = "--sla-days", paramLabel = "DAYS", defaultValue = "15",
                description = "Days to answer (LGPD art. 19: 15; at most 30; default ${DEFAULT-VALUE}).")
        int slaDays;

        Instant received(Clock clock) {
            DsrService.slaDays(slaDays);
            if (received == null) {
                return clock.instant();
            }
            try {
                return Instant.parse(received);
            } catch (DateTimeParseException e) {
                throw new UsageException("--received must be a UTC timestamp like 2026-11-27T20:00:00Z");
            }
        }
    }

    /** A request already logged with `dsr request`, answered now. */
    abstract static class AnswerCommand extends RequestCommand {
        @Option(names = "--request", paramLabel = "ID", description = "Answer this logged request (from `dsr request`).")
        String request;
    }

    @JsonPropertyOrder(alphabetic = true)
    record Exported(String request, String account, String subject, String state, String file, int fields, int reads, int events)
            implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("request " + request + ": exported " + fields + " field(s) of " + account + " (" + state + ") to " + file
                    + "; " + events + " event(s) name the account; the file holds personal data in clear: hand it to the"
                    + " subject only");
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write everything we hold on the account, decrypted, with where each item is used (JSON, mode 600)."
                    + " Each field read is logged (FieldDecrypted, purpose dsr); the request and its answer are logged.")
    static final class Export extends AnswerCommand {
        @Option(names = "--out", required = true, paramLabel = "FILE") Path out;

        @Override
        public Integer call() {
            Clock clock = clock();
            Instant rec = received(clock);
            SubjectExport x;
            try (Database db = ctx.database()) {
                x = new DsrService(db, vault.vault(clock), clock, RetentionPolicy.STANDARD).export(account, Optional.ofNullable(request),
                        rec, slaDays, vault.actor(), e -> writeFile(out, e));
            }
            return ctx.render(new Exported(x.request(), x.account(), x.subject(), x.state(), out.toString(),
                    (int) x.personalData().stream().filter(i -> i.value() != null).count(), x.reads().size(), x.events().size()));
        }
    }

    /** Temp file beside the target, owner-only, moved into place: never half a file, never world-readable. */
    static void writeFile(Path out, SubjectExport x) {
        Path dir = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".dsr-", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the folder's permissions apply
                }
                Files.writeString(tmp, JSON.writeValueAsString(x) + "\n");
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BadInputException("--out " + out + ": cannot write (" + e.getClass().getSimpleName() + "); nothing was logged");
        }
    }

    @JsonPropertyOrder(alphabetic = true)
    record Erased(String request, String account, String subject, String outcome, String due, String basis, String relationshipEnded,
            String kek) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            switch (outcome) {
                case "erased" -> out.println("request " + request + ": " + account + " (" + subject + ") crypto-shredded: its data key"
                        + " is destroyed; " + kek);
                case "already-erased" -> out.println("request " + request + ": " + account + " was erased before; nothing left to do");
                default -> {
                    out.println("request " + request + ": " + account + " (" + subject + ") cannot be erased yet: kept (cold, not used"
                            + " for anything else) until " + due + ", then shredded by the retention run.");
                    out.println("legal basis: " + basis);
                    out.println("relationship ended: " + relationshipEnded + " (last activity on the account)");
                }
            }
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Erase the account's personal data: destroy its data key at once (then rotate the KEK so stale copies"
                    + " of the wrapped key open nothing), or, while the AML/KYC retention runs, keep it cold and schedule the"
                    + " erasure for the date the retention ends, telling which legal basis applies.")
    static final class Erase extends AnswerCommand {
        @Option(names = "--no-rotate", description = "Do not rotate the KEK after shredding (run `mbp privacy kek rotate` later).")
        boolean noRotate;

        @Override
        public Integer call() {
            Clock clock = clock();
            Instant rec = received(clock);
            DsrService.Erasure e;
            String kek = "KEK not rotated (--no-rotate)";
            try (Database db = ctx.database()) {
                Vault v = vault.vault(clock);
                e = new DsrService(db, v, clock, RetentionPolicy.STANDARD).erase(account, Optional.ofNullable(request), rec, slaDays,
                        vault.actor());
                if ("erased".equals(e.outcome()) && !noRotate) {
                    kek = rotate(() -> v, db);
                }
            }
            return ctx.render(new Erased(e.request(), e.account(), e.subject(), e.outcome(), e.due(), e.basis(), e.relationshipEnded(),
                    "erased".equals(e.outcome()) ? kek : null));
        }
    }

    /** Rotates the KEK so copies of the destroyed wrapped key (free database pages, older backups) open nothing. */
    static String rotate(java.util.function.Supplier<Vault> v, Database db) {
        try {
            Vault.Rotation r = v.get().rotateKek(db);
            return "KEK rotated " + r.from() + " -> " + r.to() + ": older copies of the destroyed key open nothing";
        } catch (MbpException | UncheckedIOException ex) {
            return "KEK NOT rotated (" + ex.getMessage() + "): run `mbp privacy kek rotate`";
        }
    }

    @JsonPropertyOrder(alphabetic = true)
    record Logged(String request, String account, String kind, String receivedAt, String due) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("request " + request + " (" + kind + " for " + account + ") received " + receivedAt + ", due " + due);
        }
    }

    @Command(name = "request", mixinStandardHelpOptions = true,
            description = "Log a request received outside the toolkit (e.g. an e-mail to the DPO) so its SLA clock runs;"
                    + " answer it with `dsr export|erase --request ID`.")
    static final class Request extends RequestCommand {
        @Option(names = "--kind", required = true, paramLabel = "KIND", description = "export or erase.") String kind;

        @Override
        public Integer call() {
            DsrService.Kind k = DsrService.Kind.of(kind).orElseThrow(() -> new UsageException("--kind must be export or erase"));
            Clock clock = clock();
            DsrService.Request r;
            try (Database db = ctx.database()) {
                r = new DsrService(db, new Vault(null, clock), clock, RetentionPolicy.STANDARD).request(account, k, received(clock), slaDays,
                        vault.actor());
            }
            return ctx.render(new Logged(r.id(), r.account(), r.kind(), r.receivedAt(), r.due()));
        }
    }

    @JsonPropertyOrder(alphabetic = true)
    record Row(String request, String account, String kind, String receivedAt, String due, String answeredAt, String outcome,
            boolean overdue) {
    }

    @JsonPropertyOrder(alphabetic = true)
    record Waiting(String account, String subject, String request, String due, String basis) {
    }

    @JsonPropertyOrder(alphabetic = true)
    record Listing(List<Row> requests, List<Waiting> scheduledErasures) implements TextResult {
        private static final String ROW = "%-12s %-14s %-7s %-24s %-24s %s%n";

        @Override
        public void printText(PrintWriter out) {
            out.printf(ROW, "REQUEST", "ACCOUNT", "KIND", "RECEIVED", "DUE", "STATE");
            for (Row r : requests) {
                out.printf(ROW, r.request(), r.account(), r.kind(), r.receivedAt(), r.due(),
                        r.answeredAt() == null ? (r.overdue() ? "OVERDUE" : "open") : r.outcome() + " " + r.answeredAt()
                                + (r.overdue() ? " (late)" : ""));
            }
            out.println(requests.stream().filter(r -> r.answeredAt() == null).count() + " open request(s), "
                    + requests.stream().filter(Row::overdue).count() + " past their deadline");
            for (Waiting w : scheduledErasures) {
                out.println("erasure of " + w.account() + " (" + w.subject() + ") scheduled for " + w.due() + " (request "
                        + (w.request() == null ? "-" : w.request()) + ")");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Open requests and their deadlines (--all: answered ones too), and erasures waiting for a legal retention.")
    static final class ListRequests extends VaultCommand {
        @Option(names = "--all", description = "Answered requests too.") boolean all;

        @Override
        public Integer call() {
            Clock clock = clock();
            Instant now = clock.instant();
            List<Row> rows;
            List<Waiting> waiting;
            try (Database db = ctx.database()) {
                DsrService svc = new DsrService(db, new Vault(null, clock), clock, RetentionPolicy.STANDARD);
                rows = svc.requests().stream().filter(r -> all || r.open()).map(r -> new Row(r.id(), r.account(), r.kind(), r.receivedAt(),
                        r.due(), r.answeredAt(), r.outcome(), overdue(r, now))).toList();
                waiting = svc.scheduledErasures().stream().map(DsrCommand::waiting).toList();
            }
            return ctx.render(new Listing(rows, waiting));
        }
    }

    static Waiting waiting(ErasureScheduled e) {
        return new Waiting(e.account(), e.subject(), e.request(), e.due(), e.basis());
    }

    static boolean overdue(DsrService.Request r, Instant now) {
        Instant due = Instant.parse(r.due());
        return r.open() ? now.isAfter(due) : Instant.parse(r.answeredAt()).isAfter(due);
    }
}
