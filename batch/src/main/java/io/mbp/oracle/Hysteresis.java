package io.mbp.oracle;

/**
 * The failover state machine: {@code consensus -> fallback} after k consecutive failed rounds,
 * {@code fallback -> consensus} after m consecutive healthy ones. Failures only count once the
 * event has had a consensus (a live feed): before that there is nothing to fall back to.
 */
public record Hysteresis(Mode mode, int failStreak, int healthyStreak, boolean live) {
    public static final Hysteresis START = new Hysteresis(Mode.CONSENSUS, 0, 0, false);

    /** The state after one round, and whether the mode switched. */
    public record Step(Hysteresis next, boolean switched) {
        /**
         * Whether this round's answer may be proposed as final: only a healthy round that leaves the
         * oracle in consensus mode. The round completing the m-th healthy streak counts (it is itself
         * a consensus with quorum); a fallback TWAP never does. The engine and the formal
         * conformance harness both ask this, so the harness checks the rule the engine applies.
         */
        public boolean answers(boolean healthy) {
            return healthy && next.mode() == Mode.CONSENSUS;
        }
    }

    public Step step(boolean healthy, int k, int m) {
        if (mode == Mode.CONSENSUS) {
            if (healthy) {
                return new Step(new Hysteresis(Mode.CONSENSUS, 0, 0, true), false);
            }
            if (!live) {
                return new Step(this, false);
            }
            int fails = failStreak + 1;
            if (fails >= k) {
                return new Step(new Hysteresis(Mode.FALLBACK, 0, 0, true), true);
            }
            return new Step(new Hysteresis(Mode.CONSENSUS, fails, 0, true), false);
        }
        if (!healthy) {
            return new Step(new Hysteresis(Mode.FALLBACK, 0, 0, true), false);
        }
        int good = healthyStreak + 1;
        if (good >= m) {
            return new Step(new Hysteresis(Mode.CONSENSUS, 0, 0, true), true);
        }
        return new Step(new Hysteresis(Mode.FALLBACK, 0, good, true), false);
    }
}
