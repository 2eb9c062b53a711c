package io.mbp.evidence;

import io.mbp.sql.Database;
import java.util.List;

/**
 * What a capability contributes to an evidence bundle: a report computed from the events of the
 * log alone (seq 0 up to the bundle's checkpoint). The builder computes it on the operator's
 * database; replay computes it again on a log rebuilt from the bundle's events and compares the
 * lines. So a report must depend on nothing but those events (no clock, no other table), and
 * must render numbers exactly (integers, no floating point).
 *
 * <p>A report is a {@link Pass}: the builder reads the log once and shows each event to every
 * report's pass in seq order (ADR 0129), so the build costs one read of the log, not one per report.
 */
public interface EvidenceReport {
    /** Stable file name without extension: the report goes to {@code reports/<name>.txt}. */
    String name();

    /** The sprint section it belongs to (one of {@link Sprint}), or null for every bundle. */
    default Sprint section() {
        return null;
    }

    /**
     * A fresh pass of this report over events {@code 0..treeSize-1} of {@code db}'s log. Its state
     * is bounded by what the report prints, never by the log's length; {@code db} may be read again
     * in {@link Pass#finish()}, after the shared read has ended.
     */
    Pass open(Database db, long treeSize);

    /** The report's lines, computed from events {@code 0..treeSize-1} of {@code db}'s log, by a pass of its own. */
    default List<String> compute(Database db, long treeSize) {
        return LogPass.run(db, treeSize, List.of(open(db, treeSize))).get(0);
    }

    /** One report's consumer of the shared read. */
    interface Pass {
        /** The next event in seq order; the row is reused for the next event, so keep values, never the row. */
        void accept(LogRow e);

        /** The report's lines, once every event was shown. */
        List<String> finish();
    }
}
