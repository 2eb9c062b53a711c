package io.mbp.cli.oracle;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.oracle.OracleEventRegistered;
import io.mbp.oracle.OracleService;
import io.mbp.oracle.OracleState;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
        @Spec
        CommandSpec spec;

        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "JSON file.")
        Path file;

        @Option(names = "--at", paramLabel = "TS", converter = InstantConverter.class,
                description = "Time of the registration (default: now).")
        Instant at;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            OracleService.Outcome o;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                o = new OracleService(db).registerEvents(file, Clocks.at(at));
            }
            List<String> ids = o.of(OracleEventRegistered.class).stream().map(OracleEventRegistered::event).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Map<String, Object> m = Views.appended(o);
                m.put("registered", ids);
                Render.json(out, m);
            } else {
                out.println("registered " + ids.size() + " oracle event(s): " + String.join(", ", ids) + "; " + Views.seqs(o));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered oracle events.")
    public static final class ListEvents implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            OracleState state;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                state = new OracleService(db).state();
            }
            PrintWriter out = spec.commandLine().getOut();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (OracleState.EventState es : state.events().values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", es.spec().id());
                m.put("kind", es.spec().kind().wire());
                m.put("title", es.spec().title());
                m.put("resolves_at", es.registration().resolvesAt());
                m.put("mode", es.hysteresis().mode().wire());
                m.put("phase", es.phase().name().toLowerCase());
                String answer = es.finalized() == null ? null
                        : es.finalized().invalid() ? "invalid" : es.finalized().value() != null ? es.finalized().value() : es.finalized().outcome();
                m.put("finalized", answer);
                m.put("finalized_via", es.finalized() == null ? null : es.finalized().via());
                rows.add(m);
                if (!g.json()) {
                    out.printf("%-28s %-11s %-9s %-12s %-20s %-24s %s%n", es.spec().id(), es.spec().kind().wire(),
                            es.hysteresis().mode().wire(), es.phase().name().toLowerCase(), es.registration().resolvesAt(),
                            answer == null ? "-" : answer + (es.finalized().via().equals("undisputed") ? "" : " (" + es.finalized().via() + ")"),
                            es.spec().title() == null ? "" : es.spec().title());
                }
            }
            if (g.json()) {
                Render.json(out, rows);
            }
            return 0;
        }
    }
}
