package io.mbp.events;

/**
 * The log head and, on H2 only, the events table's row count, read before a transaction writes
 * anything ({@link EventLog#headCount}): the append's pre-lock reads (ADR 0132) taken early, for a
 * transaction that writes other tables before it appends. H2 answers {@code COUNT(*)} from the
 * primary index only while the transaction has written nothing; after that it walks the whole
 * table, which made every seal on H2 cost O(log size) for its one {@code CheckpointSealed} event.
 * Both are -1 where not read (SQLite, PostgreSQL), as in the append itself.
 */
public final class HeadCount {
    final long size;
    final long rows;

    HeadCount(long size, long rows) {
        this.size = size;
        this.rows = rows;
    }
}
