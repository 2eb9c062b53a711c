package io.mbp.evidence;

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
    public Pass open(Database db, long treeSize) {
        return new Pass() {
            private final Map<String, Long> perType = new TreeMap<>();
            private final Map<String, Long> perDay = new TreeMap<>();
            private final TreeSet<String> streams = new TreeSet<>();
            private String first;
            private String last;
            private long n;
            private String day; // the previous event's day: a log's events come a day at a time

            @Override
            public void accept(LogRow e) {
                n++;
                perType.merge(e.type(), 1L, Long::sum);
                String ts = e.ts();
                if (day == null || !ts.startsWith(day)) {
                    day = ts.substring(0, 10);
                }
                perDay.merge(day, 1L, Long::sum);
                streams.add(e.stream());
                if (first == null) {
                    first = ts;
                }
                last = ts;
            }

            @Override
            public List<String> finish() {
                return lines(n, first, last, streams, perType, perDay);
            }
        };
    }

    private static List<String> lines(long n, String first, String last, TreeSet<String> streams, Map<String, Long> perType,
                                      Map<String, Long> perDay) {
        List<String> out = new ArrayList<>();
        out.add("events " + n);
        out.add("seq 0.." + (n - 1));
        out.add("ts " + first + ".." + last);
        out.add("streams " + streams.size());
        perType.forEach((k, v) -> out.add("type " + k + " " + v));
        perDay.forEach((k, v) -> out.add("day " + k + " " + v));
        return out;
    }
}
