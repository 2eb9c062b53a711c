package io.mbp.cli.events;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.events.CanonicalJson;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "tail", mixinStandardHelpOptions = true, description = "Show the last events of the log.")
public final class TailCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "10", description = "How many (default ${DEFAULT-VALUE}).")
    int n;

    @Override
    public Integer call() throws Exception {
        GlobalOptions g = Globals.of(spec);
        List<Event> events;
        try (Database db = Database.openMigrated(g.dbUrl())) {
            events = new EventLog(db).tail(Math.max(0, n));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Event e : events) {
                Map<String, Object> m = new TreeMap<>();
                m.put("seq", e.seq());
                m.put("type", e.type());
                m.put("stream", e.stream());
                m.put("ts", e.ts());
                m.put("payload", CanonicalJson.MAPPER.readTree(e.payload()));
                m.put("leaf_hash", e.leafHashHex());
                rows.add(m);
            }
            Render.json(out, rows);
        } else {
            for (Event e : events) {
                out.printf("%8d  %-24s  %-20s  %-16s  %s%n", e.seq(), e.ts(), e.type(), e.stream(), e.payload());
            }
            out.flush();
        }
        return 0;
    }
}
