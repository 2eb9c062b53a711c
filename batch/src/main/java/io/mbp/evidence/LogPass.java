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
     * The reading before ADR 0129, kept as the reference the one-pass build is compared with
     * (EvidenceOnePassTest): the report alone over the log's jOOQ pages, every timestamp parsed in
     * full and every payload decoded afresh.
     */
    static List<String> alone(Database db, long treeSize, EvidenceReport.Pass pass) {
        new EventLog(db).forEach(0, treeSize - 1, e -> pass.accept(new LogRow(null).set(e)));
        return pass.finish();
    }
}
