package io.mbp.cli.events;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.events.EventLog;
import io.mbp.events.LogStats;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Count, first and last ts (log order) and per-type counts.")
public final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        LogStats s;
        try (Database db = Database.openMigrated(g.dbUrl())) {
            s = new EventLog(db).stats();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", s.count());
            m.put("first_ts", s.firstTs());
            m.put("last_ts", s.lastTs());
            m.put("per_type", new TreeMap<>(s.perType()));
            Render.json(out, m);
        } else {
            out.println("events:   " + s.count());
            out.println("first ts: " + (s.firstTs() == null ? "-" : s.firstTs()));
            out.println("last ts:  " + (s.lastTs() == null ? "-" : s.lastTs()));
            if (!s.perType().isEmpty()) {
                out.println("per type:");
                new TreeMap<>(s.perType()).forEach((k, v) -> out.printf("  %-24s %d%n", k, v));
            }
            out.flush();
        }
        return 0;
    }
}
