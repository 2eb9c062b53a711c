package io.mbp.cli.daemon;

import io.mbp.canary.CanaryState;
import io.mbp.canary.Cohort;
import io.mbp.market.Shard;
import io.mbp.sql.Database;
import java.util.Locale;

/**
 * Which markets this daemon decides: shard I of N of the hash split (docs/adr/0309), or one cohort of
 * the log's current canary (docs/adr/0321). A cohort moves as the canary is promoted or rolled back,
 * so it is re-read from the log by {@link #refresh}; {@link #owns} is asked from any thread and sees
 * the last reading whole.
 */
final class Ownership {
    /** The two sides of a canary (issue 16): the markets on the canary's release, and the rest. */
    enum Side {
        CANARY, STABLE;

        static Side parse(String text) {
            for (Side s : values()) {
                if (s.label().equals(text)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("cohort must be canary or stable, got \"" + text + "\"");
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        Side other() {
            return this == CANARY ? STABLE : CANARY;
        }
    }

    /** The canary as last read: its release and percent (0 and null: none running). */
    private record Reading(String release, long percent) {
    }

    private final Shard shard;
    private final Side side;
    private final CanaryState canary;
    private volatile Reading reading = new Reading(null, 0);

    private Ownership(Shard shard, Side side) {
        this.shard = shard;
        this.side = side;
        this.canary = side == null ? null : new CanaryState();
    }

    static Ownership of(Shard shard) {
        return new Ownership(shard, null);
    }

    static Ownership of(Side side) {
        return new Ownership(Shard.ALL, side);
    }

    Shard shard() {
        return shard;
    }

    /** Null when the daemon owns a shard. */
    Side side() {
        return side;
    }

    /** Whether ownership can refuse a market at all (a single shard owns everything). */
    boolean splits() {
        return side != null || shard.count() > 1;
    }

    boolean owns(String market) {
        if (side == null) {
            return shard.owns(market);
        }
        return sideOf(market) == side;
    }

    Side sideOf(String market) {
        Reading r = reading;
        return r.release != null && Cohort.contains((int) r.percent, market) ? Side.CANARY : Side.STABLE;
    }

    /** The running canary's release, or null. */
    String canaryRelease() {
        return reading.release;
    }

    /** Folds the canary events appended since the last call; returns whether the cohort moved. */
    synchronized boolean refresh(Database db) {
        if (side == null || !canary.catchUp(db)) {
            return false;
        }
        CanaryState.Active a = canary.active();
        Reading now = a == null ? new Reading(null, 0) : new Reading(a.started.release(), a.percent);
        boolean moved = !now.equals(reading);
        reading = now;
        return moved;
    }

    /** For logs, errors and GET /v2/health: "1/2", or "cohort canary (release R at 10%)". */
    String describe() {
        if (side == null) {
            return shard.toString();
        }
        Reading r = reading;
        return "cohort " + side.label() + (r.release == null ? " (no canary running)" : " (canary release " + r.release + " at "
                + r.percent + "%)");
    }
}
