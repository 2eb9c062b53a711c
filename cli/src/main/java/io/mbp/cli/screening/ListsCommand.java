package io.mbp.cli.screening;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.cli.custody.Secrets;
import io.mbp.error.MbpException;
import io.mbp.error.UsageException;
import io.mbp.screenhooks.DeltaRescreen;
import io.mbp.screening.Imported;
import io.mbp.screening.ListFormat;
import io.mbp.screening.ListStatus;
import io.mbp.screening.ScreeningService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "lists", mixinStandardHelpOptions = true,
        description = "Screening lists: import a version, update from the drop folder (cron, hourly), show versions and age.",
        subcommands = {ListsCommand.Import.class, ListsCommand.Update.class, ListsCommand.Status.class})
public final class ListsCommand {
    public static final String DROP_ENV = "MBP_SCREENING_DROP";

    /** One import: version, entity count, delta sizes (the ids are in the ScreeningListDelta events). */
    @JsonPropertyOrder(alphabetic = true)
    record ImportRow(String list, int version, boolean unchanged, String format, String source, String fileHash,
                     int entityCount, int added, int removed, int changed) {
        static ImportRow of(Imported i) {
            return new ImportRow(i.list(), i.version(), i.unchanged(), i.format(), i.source(), i.fileHash(), i.entityCount(),
                    i.delta().added().size(), i.delta().removed().size(), i.delta().changed().size());
        }
    }

    record Imports(@JsonValue List<ImportRow> rows) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            for (ImportRow r : rows) {
                out.println(r.unchanged()
                        ? "list " + r.list() + ": unchanged (version " + r.version() + ", " + r.entityCount() + " entities, same file hash)"
                        : "list " + r.list() + ": version " + r.version() + " from " + r.source() + " (" + r.format() + "), "
                                + r.entityCount() + " entities: " + r.added() + " added, " + r.removed() + " removed, "
                                + r.changed() + " changed; sha256 " + r.fileHash());
            }
            if (rows.isEmpty()) {
                out.println("no list drops found");
            }
        }
    }

    record Statuses(@JsonValue List<ListStatus> rows) implements TextResult {
        private static final String ROW = "%-12s %7s %-9s %9s %-24s %10s %s%n";

        @Override
        public void printText(PrintWriter out) {
            out.printf(ROW, "LIST", "VERSION", "FORMAT", "ENTITIES", "IMPORTED", "AGE", "STATE");
            for (ListStatus s : rows) {
                out.printf(ROW, s.list(), s.version(), s.format(), s.entityCount(), s.importedAt(), age(s.ageSeconds()),
                        s.stale() ? "STALE (older than " + age(s.maxAgeSeconds()) + ")" : "fresh");
            }
        }

        static String age(long s) {
            return s >= 3600 ? s / 3600 + "h" + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
        }
    }

    /**
     * After an import: every customer against what the new versions added or changed (ADR 0716),
     * summarised on stderr. The vault comes from the environment; without it the import stands and
     * the command exits with the vault's error, naming `mbp screening rescreen` to catch up.
     */
    static int rescreen(CommandContext ctx, Database db, int code) {
        try {
            DeltaRescreen.Result r = RescreenCommand.run(db, ctx.clock(), "mbp screening lists");
            if (!r.versions().isEmpty()) {
                java.io.StringWriter w = new java.io.StringWriter();
                RescreenCommand.Rescreened.of(r).printText(new PrintWriter(w));
                ctx.err().print(w);
            }
            ctx.err().flush();
            return code;
        } catch (MbpException e) {
            ctx.err().println("warning: the list is imported but customers were not re-screened on its delta: " + e.getMessage()
                    + "; run `mbp screening rescreen` (docs/runbooks/sanctions-updates.md)");
            ctx.err().flush();
            return e.exitCode();
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a list file as the list's next version, logging the version and its delta (added, removed,"
                    + " changed entity ids), then re-screen every customer against the added and changed entities (alerts for"
                    + " new hits; needs $MBP_VAULT_PASSPHRASE when there are customers). A bad file exits 4 naming the file and"
                    + " line or element; the previous version stays.")
    static final class Import implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = "--list", required = true, paramLabel = "ID", description = "List id, e.g. ofac, un, opensanctions.") String list;

        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "ofac-csv, un-xml or ftm.") String format;

        @Option(names = "--dir", paramLabel = "DIR", description = "ofac-csv: the folder holding sdn.csv, alt.csv, add.csv.") Path dir;

        @Option(names = "--file", paramLabel = "FILE", description = "un-xml, ftm: the file.") Path file;

        @Override
        public Integer call() {
            ListFormat f = ListFormat.ofCode(format);
            Path p = f == ListFormat.OFAC_CSV ? dir : file;
            if (p == null || (f == ListFormat.OFAC_CSV ? file != null : dir != null)) {
                throw new UsageException(f == ListFormat.OFAC_CSV ? "--format ofac-csv takes --dir DIR" : "--format " + format + " takes --file FILE");
            }
            var parsed = ScreeningService.parse(f, p, ScreeningService.LIST_LIMITS);
            try (Database db = ctx.database()) {
                int code = ctx.render(new Imports(List.of(ImportRow.of(new ScreeningService(db, ctx.clock()).importList(list, parsed)))));
                return rescreen(ctx, db, code);
            }
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Import the newest drop of every list in the drop folder (one sub-folder per list id; *.xml, *.json/"
                    + "*.ndjson, or a folder with sdn.csv). A drop whose hash equals the current version changes nothing. "
                    + "For cron, hourly (scripts/cron).")
    static final class Update implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = "--dir", paramLabel = "DIR", description = "Drop folder (default: $MBP_SCREENING_DROP, else data/screening/drop).")
        Path dir;

        @Override
        public Integer call() {
            Path d = dir;
            if (d == null) {
                String env = Secrets.env(DROP_ENV);
                d = Path.of(env != null && !env.isBlank() ? env : "data/screening/drop");
            }
            try (Database db = ctx.database()) {
                int code = ctx.render(new Imports(new ScreeningService(db, ctx.clock()).update(d, ScreeningService.LIST_LIMITS).stream()
                        .map(ImportRow::of).toList()));
                return rescreen(ctx, db, code);
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Each list's newest version, entity count and age; a list older than --max-age-minutes is marked"
                    + " stale (JSON: \"stale\": true) and warned about on stderr.")
    static final class Status implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = "--max-age-minutes", defaultValue = "60", paramLabel = "N", description = "Maximum age (default ${DEFAULT-VALUE}).")
        long maxAgeMinutes;

        @Override
        public Integer call() {
            if (maxAgeMinutes <= 0) {
                throw new UsageException("--max-age-minutes must be positive");
            }
            try (Database db = ctx.database()) {
                List<ListStatus> rows = new ScreeningService(db, ctx.clock()).status(Duration.ofMinutes(maxAgeMinutes));
                for (ListStatus s : rows) {
                    if (s.stale()) {
                        ctx.err().println("warning: screening list " + s.list() + " is stale: version " + s.version() + " was imported "
                                + Statuses.age(s.ageSeconds()) + " ago, over the maximum of " + Statuses.age(s.maxAgeSeconds())
                                + " (docs/runbooks/sanctions-updates.md)");
                    }
                }
                ctx.err().flush();
                return ctx.render(new Statuses(rows));
            }
        }
    }
}
