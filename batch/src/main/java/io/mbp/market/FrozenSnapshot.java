package io.mbp.market;

import java.time.Instant;

/**
 * The market state as of a log size, held apart from the live state by {@link MarketService#freezeSnapshot()}
 * on the thread that owns it; {@link #encode()} renders the snapshot's document on any one thread, while
 * the owner goes on (ADR 0127).
 */
public final class FrozenSnapshot {
    private final long covers;
    private final Instant takenAt;
    private final Snapshots.Frozen frozen;

    FrozenSnapshot(long covers, Instant takenAt, Snapshots.Frozen frozen) {
        this.covers = covers;
        this.takenAt = takenAt;
        this.frozen = frozen;
    }

    /** The log size the state covers. */
    public long covers() {
        return covers;
    }

    Instant takenAt() {
        return takenAt;
    }

    /** The snapshot's document; once. */
    public String encode() {
        return frozen.encode();
    }
}
