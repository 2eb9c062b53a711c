package io.mbp.evidence;

import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Counts of the log: events per type and per UTC day, distinct streams, seq and time range. */
final class EventsReport implements EvidenceReport {
    @Override
    public String name() {
        return "events";
    }

    @Override
    public List<String> compute(Database db, long treeSize) {
        Map<String, Long> perType = new TreeMap<>();
        Map<String, Long> perDay = new TreeMap<>();
        TreeSet<String> streams = new TreeSet<>();
        String[] first = new String[1];
        String[] last = new String[1];
        long n = new EventLog(db).forEach(0, treeSize - 1, e -> {
            perType.merge(e.type(), 1L, Long::sum);
            perDay.merge(e.ts().substring(0, 10), 1L, Long::sum);
            streams.add(e.stream());
            if (first[0] == null) {
                first[0] = e.ts();
            }
            last[0] = e.ts();
        });
        List<String> out = new ArrayList<>();
        out.add("events " + n);
        out.add("seq 0.." + (n - 1));
        out.add("ts " + first[0] + ".." + last[0]);
        out.add("streams " + streams.size());
        perType.forEach((k, v) -> out.add("type " + k + " " + v));
        perDay.forEach((k, v) -> out.add("day " + k + " " + v));
        return out;
    }
}
