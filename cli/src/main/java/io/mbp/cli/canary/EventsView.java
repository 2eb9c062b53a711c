package io.mbp.cli.canary;

import io.mbp.canary.Attribution;
import io.mbp.cli.TextResult;
import io.mbp.events.EventLog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code mbp canary events --release R}: the events release R produced, derived from the log
 * (docs/adr/0322), with every release's count so the listing can be checked against the whole.
 */
record EventsView(String release, long count, Map<String, Long> perRelease, List<Line> events, boolean truncated) implements TextResult {
    record Line(long seq, String ts, String type, String stream) {
    }

    static EventsView of(EventLog log, String release, int limit) {
        List<Line> lines = new ArrayList<>();
        Map<String, Long> per = new java.util.TreeMap<>();
        long[] count = {0};
        Attribution.forEach(log, log.size(), (e, r) -> {
            per.merge(r, 1L, Long::sum);
            if (r.equals(release)) {
                count[0]++;
                if (lines.size() < limit) {
                    lines.add(new Line(e.seq(), e.ts(), e.type(), e.stream()));
                }
            }
        });
        return new EventsView(release, count[0], per, lines, count[0] > lines.size());
    }

    @Override
    public void printText(PrintWriter out) {
        out.println("release " + release + " produced " + count + " events" + (truncated ? " (first " + events.size() + " listed)" : ""));
        events.forEach(l -> out.println("  seq " + l.seq() + " " + l.ts() + " " + l.type() + " " + l.stream()));
        StringBuilder b = new StringBuilder("events per release:");
        perRelease.forEach((r, n) -> b.append(' ').append(r).append(' ').append(n));
        out.println(b);
    }
}
