package io.mbp.merkle;

import java.util.Map;
import java.util.Set;

/**
 * Where complete subtree hashes come from: memory for benchmarks and tests, the database for the
 * live log. A proof asks once for the O(log n) nodes it needs, so a store answers in one round trip.
 */
public interface NodeSource {
    /** The hash of every requested node; a node the source cannot supply is an error, never a guess. */
    Map<NodeId, byte[]> fetch(Set<NodeId> ids);
}
