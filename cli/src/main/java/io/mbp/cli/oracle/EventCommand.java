package io.mbp.cli.oracle;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.oracle.OracleEventRegistered;
import io.mbp.oracle.OracleService;
import io.mbp.oracle.OracleState;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "event", mixinStandardHelpOptions = true, description = "The registry of oracle events (what is being resolved).",
        subcommands = {EventCommand.Add.class, EventCommand.ListEvents.class})
public final class EventCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Register oracle events from a JSON file: one object or an array of objects with",
                "id, kind (numeric|categorical), min/max (decimal strings, numeric) or outcomes (categorical),",
                "resolves_at (ISO-8601 UTC), and optional title, staleness_seconds (default 1800),",
                "dispute_window_seconds (default 7200), sources (the panel; default every active source).",
                "The whole file is one transaction: one bad entry registers nothing."})
    public static final class Add implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "JSON file.") Path file;

        @Mixin AtOption at;

        record Result(@JsonUnwrapped Views.Appended appended, List<String> registered) implements TextResult {
            @Override
            public void printText(PrintWriter out) {
                out.println("registered " + registered.size() + " oracle event(s): " + String.join(", ", registered) + "; "
                        + appended.seqs());
            }
        }

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                OracleService.Outcome o = new OracleService(db).registerEvents(file, at.clock(ctx.clock()));
                return ctx.render(new Result(Views.Appended.of(o),
                        o.of(OracleEventRegistered.class).stream().map(OracleEventRegistered::event).toList()));
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered oracle events.")
    public static final class ListEvents implements Callable<Integer> {
        @Mixin CommandContext ctx;

        record Row(String id, String kind, String title, String resolvesAt, String mode, String phase, String finalized,
                   String finalizedVia) {
            static Row of(OracleState.EventState es) {
                var f = es.finalized();
                String answer = f == null ? null : f.invalid() ? "invalid" : f.value() != null ? f.value() : f.outcome();
                return new Row(es.spec().id(), es.spec().kind().wire(), es.spec().title(), es.registration().resolvesAt(),
                        es.hysteresis().mode().wire(), es.phase().name().toLowerCase(), answer, f == null ? null : f.via());
            }
        }

        record Result(@JsonValue List<Row> rows) implements TextResult {
            @Override
            public void printText(PrintWriter out) {
                for (Row r : rows) {
                    out.printf("%-28s %-11s %-9s %-12s %-20s %-24s %s%n", r.id(), r.kind(), r.mode(), r.phase(), r.resolvesAt(),
                            r.finalized() == null ? "-" : r.finalized() + (r.finalizedVia().equals("undisputed") ? "" : " (" + r.finalizedVia() + ")"),
                            r.title() == null ? "" : r.title());
                }
            }
        }

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(new Result(new OracleService(db).state().events().values().stream().map(Row::of).toList()));
            }
        }
    }
}
