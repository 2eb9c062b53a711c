package io.mbp.evidence;

import io.mbp.events.EventLog;
import io.mbp.market.ReplayClock;
import io.mbp.sql.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads events {@code 0..treeSize-1} once for many reports (ADR 0129): one forward-only plain-JDBC
 * scan ({@link EventLog#scan}, large sequential pages, no jOOQ record per row) inside one read
 * transaction, each row shown to every report's {@link EvidenceReport.Pass} in seq order, each
 * timestamp's second parsed once ({@link ReplayClock}) and each payload decoded at most once.
 */
final class LogPass {
    private LogPass() {
    }

    /** Every pass's lines, in the order of {@code passes}. */
    static List<List<String>> run(Database db, long treeSize, List<EvidenceReport.Pass> passes) {
        if (treeSize > 0) {
            LogRow row = new LogRow(new ReplayClock());
            db.read(dsl -> {
                EventLog.scan(dsl, 0, (seq, type, stream, ts, payload) -> {
                    if (seq < treeSize) { // rows past the checkpoint belong to the next bundle
                        row.set(seq, type, stream, ts, payload);
                        for (EvidenceReport.Pass p : passes) {
                            p.accept(row);
                        }
                    }
                });
                return null;
            });
        }
        List<List<String>> out = new ArrayList<>(passes.size());
        for (EvidenceReport.Pass p : passes) {
            out.add(p.finish());
        }
        return out;
    }

    /**
     * Feeds the passes from a read made for another purpose: the build's copy of the log into the
     * bundle (ADR 0138), so the build reads the operator's log once, not once to copy and once for the
     * reports. A pass that throws stops the feed; {@link #finish} throws that failure only then, after
     * the caller has checked the copied events against the checkpoint, so an altered log still fails
     * as altered (exit 3) whatever a report made of it.
     */
    static final class Feed implements EventLog.RowSink {
        private final long treeSize;
        private final List<EvidenceReport.Pass> passes;
        private final LogRow row = new LogRow(new ReplayClock());
        private RuntimeException failure;

        Feed(long treeSize, List<EvidenceReport.Pass> passes) {
            this.treeSize = treeSize;
            this.passes = List.copyOf(passes);
        }

        @Override
        public void accept(long seq, String type, String stream, String ts, String payload) {
            if (failure != null || seq >= treeSize) {
                return;
            }
            row.set(seq, type, stream, ts, payload);
            try {
                for (EvidenceReport.Pass p : passes) {
                    p.accept(row);
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        /** Every pass's lines, in the order of the passes; the first failure of the feed, if any, instead. */
        List<List<String>> finish() {
            if (failure != null) {
                throw failure;
            }
            List<List<String>> out = new ArrayList<>(passes.size());
            for (EvidenceReport.Pass p : passes) {
                out.add(p.finish());
            }
            return out;
        }
    }

    /**
     * The reading before ADR 0129, kept as the reference the one-pass build is compared with
     * (EvidenceOnePassTest): the report alone over the log's jOOQ pages, every timestamp parsed in
     * full and every payload decoded afresh.
     */
    static List<String> alone(Database db, long treeSize, EvidenceReport.Pass pass) {
        new EventLog(db).forEach(0, treeSize - 1, e -> pass.accept(new LogRow(null).set(e)));
        return pass.finish();
    }
}
