package io.mbp.evidence;

import io.mbp.sql.Database;
import java.util.List;

/**
 * What a capability contributes to an evidence bundle: a report computed from the events of the
 * log alone (seq 0 up to the bundle's checkpoint). The builder computes it on the operator's
 * database; replay computes it again on a log rebuilt from the bundle's events and compares the
 * lines. So a report must depend on nothing but those events (no clock, no other table), and
 * must render numbers exactly (integers, no floating point).
 */
public interface EvidenceReport {
    /** Stable file name without extension: the report goes to {@code reports/<name>.txt}. */
    String name();

    /** The sprint section it belongs to (one of {@link Sprint}), or null for every bundle. */
    default Sprint section() {
        return null;
    }

    /** The report's lines, computed from events {@code 0..treeSize-1} of {@code db}'s log. */
    List<String> compute(Database db, long treeSize);
}
