package io.mbp.evidence;

import io.mbp.custody.StoredCheckpoint;
import io.mbp.error.BadInputException;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.util.List;

/**
 * A date bundle's first and last seq of its day ({@code day <= ts < next}, ISO-8601 text as stored)
 * among the events the checkpoint covers. The query over the whole table has no index on {@code ts} and
 * read the log a second time (ADR 0138), so the build takes the span from the read it makes anyway
 * ({@link #pass}), and asks the table only about the few events past the checkpoint, by seq.
 */
final class DaySpan {
    private final String day;
    private final String next;
    private Long first; // of the whole table, as the query saw it, or null
    private Long last;

    private DaySpan(String day, String next, Long first, Long last) {
        this.day = day;
        this.next = next;
        this.first = first;
        this.last = last;
    }

    /** The span from one query over the whole table (the reading before ADR 0138, kept as the reference). */
    static DaySpan queried(Database db, String day, String next) {
        var r = db.read(dsl -> EventLog.seqRangeByTs(dsl, day, next));
        return new DaySpan(day, next, r.map(EventLog.SeqRange::first).orElse(null), r.map(EventLog.SeqRange::last).orElse(null));
    }

    /**
     * A span the build's read fills in: {@link #pass} must see events {@code 0..treeSize-1}; the first event
     * of the day past them, if any, is read now by seq (it only decides whether the day goes on past the checkpoint).
     */
    static DaySpan passing(Database db, long treeSize, String day, String next) {
        Long past = db.read(dsl -> EventLog.firstSeqByTs(dsl, treeSize, day, next)).orElse(null);
        return new DaySpan(day, next, null, past);
    }

    /** The pass that widens the span with the day's events it is shown (in seq order, all before the checkpoint). */
    EvidenceReport.Pass pass() {
        Long past = last;
        return new EvidenceReport.Pass() {
            private long from = -1;
            private long to = -1;

            @Override
            public void accept(LogRow e) {
                String ts = e.ts();
                if (ts.compareTo(day) >= 0 && ts.compareTo(next) < 0) {
                    if (from < 0) {
                        from = e.seq();
                    }
                    to = e.seq();
                }
            }

            @Override
            public List<String> finish() {
                // as the whole-table query: the first of the day anywhere, the last past the checkpoint if one is
                first = from >= 0 ? Long.valueOf(from) : past;
                last = past != null ? past : from >= 0 ? Long.valueOf(to) : null;
                return List.of();
            }
        };
    }

    /**
     * {first, last} of the day within the checkpoint's events, or null for a day without events; a day
     * whose events all come after the checkpoint is refused (nothing to bundle yet).
     */
    long[] within(StoredCheckpoint cp) {
        long n = cp.treeSize();
        if (first == null) {
            return null;
        }
        if (first >= n) {
            throw new BadInputException("the events of " + day + " (seq " + first + "..) come after the latest checkpoint #"
                    + cp.id() + " (" + n + " events): seal first");
        }
        return new long[] {first, Math.min(last, n - 1)}; // the rest of the day is covered by tomorrow's checkpoint
    }
}
