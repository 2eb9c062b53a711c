package io.mbp.oracle;

import java.time.Duration;

/**
 * The oracle's tunables. They shape every decision, so replay must use the same ones: they are
 * code constants (changing one is a reviewed commit), not command-line flags. docs/oracle.md
 * explains each default.
 *
 * @param quorumSources      q: distinct fresh sources a round needs (I9)
 * @param quorumWeightBps    w: share of the panel's active weight those sources must carry
 * @param bandBps            divergence band around the consensus value, in basis points of it
 * @param agreeNum           agreement share numerator (fresh weight within band / fresh weight)
 * @param agreeDen           agreement share denominator (2/3 by default)
 * @param failK              k: consecutive failed rounds before switching to fallback
 * @param healthyM           m: consecutive healthy rounds before returning to consensus
 * @param twapWindow         tau: window of the fallback TWAP
 * @param committeeWindow    time the committee (or a re-request) has before its deadline
 * @param committeeQuorum    distinct committee members that must sign a resolution
 * @param repUpBps           reputation gain for agreeing with the final answer
 * @param repOutlierBps      reputation loss for a counted report outside the band
 * @param repStaleBps        reputation loss for being stale or silent at the deciding round
 * @param repMaxStepBps      bound on any single change
 * @param repMinBps          floor of a weight (a source never reaches zero by reputation alone)
 * @param repMaxBps          ceiling of a weight
 */
public record OracleParams(int quorumSources, long quorumWeightBps, long bandBps, long agreeNum, long agreeDen,
                           int failK, int healthyM, Duration twapWindow, Duration committeeWindow,
                           int committeeQuorum, long repUpBps, long repOutlierBps, long repStaleBps,
                           long repMaxStepBps, long repMinBps, long repMaxBps) {

    public static final long DEFAULT_STALENESS_SECONDS = 1_800;
    public static final long DEFAULT_DISPUTE_WINDOW_SECONDS = 7_200;

    public static final OracleParams DEFAULTS = new OracleParams(3, 5_000, 100, 2, 3, 3, 5,
            Duration.ofHours(1), Duration.ofHours(48), 2, 50, 200, 25, 200, 100, 10_000);

    public OracleParams {
        if (quorumSources < 1 || failK < 1 || healthyM < 1 || committeeQuorum < 1) {
            throw new IllegalArgumentException("q, k, m and the committee quorum must be positive");
        }
        if (agreeNum < 0 || agreeDen <= 0 || agreeNum > agreeDen) {
            throw new IllegalArgumentException("agreement share must be within 0..1");
        }
    }

    public OracleParams withQuorumSources(int q) {
        return new OracleParams(q, quorumWeightBps, bandBps, agreeNum, agreeDen, failK, healthyM, twapWindow,
                committeeWindow, committeeQuorum, repUpBps, repOutlierBps, repStaleBps, repMaxStepBps, repMinBps, repMaxBps);
    }

    public OracleParams withHysteresis(int k, int m) {
        return new OracleParams(quorumSources, quorumWeightBps, bandBps, agreeNum, agreeDen, k, m, twapWindow,
                committeeWindow, committeeQuorum, repUpBps, repOutlierBps, repStaleBps, repMaxStepBps, repMinBps, repMaxBps);
    }
}
