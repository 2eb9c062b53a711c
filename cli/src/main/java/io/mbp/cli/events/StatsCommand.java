package io.mbp.cli.events;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.events.EventLog;
import io.mbp.events.LogStats;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Count, first and last ts (log order) and per-type counts.")
public final class StatsCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    /** The log's size, time span and counts per event type (by type name). */
    @JsonPropertyOrder(alphabetic = true)
    record Stats(long count, String firstTs, String lastTs, SortedMap<String, Long> perType) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("events:   " + count);
            out.println("first ts: " + (firstTs == null ? "-" : firstTs));
            out.println("last ts:  " + (lastTs == null ? "-" : lastTs));
            if (!perType.isEmpty()) {
                out.println("per type:");
                perType.forEach((k, v) -> out.printf("  %-24s %d%n", k, v));
            }
        }
    }

    @Override
    public Integer call() {
        LogStats s;
        try (Database db = ctx.database()) {
            s = new EventLog(db).stats();
        }
        return ctx.render(new Stats(s.count(), s.firstTs(), s.lastTs(), new TreeMap<>(s.perType())));
    }
}
