package io.mbp.kyc.sim;

/**
 * How the simulated KYC vendor behaves. Percentages are whole numbers 0..100 and are drawn
 * deterministically from the seed and the subject, so a run can be repeated exactly.
 *
 * @param latencyMillis every answer waits this long
 * @param timeoutPct    share of subjects whose first request hangs for {@code hangMillis} (a retry answers)
 * @param rejectPct     share rejected
 * @param reviewPct     share sent to manual review
 * @param livenessRequired when true, a request without a liveness check goes to review
 * @param duplicatePct  share of verdicts whose callback is delivered twice
 * @param callbackUrl   where verdicts are also posted, or null for none
 */
public record KycSimConfig(long seed, long latencyMillis, int timeoutPct, long hangMillis, int rejectPct, int reviewPct,
        boolean livenessRequired, int duplicatePct, String callbackUrl) {
    public KycSimConfig {
        for (int p : new int[] {timeoutPct, rejectPct, reviewPct, duplicatePct}) {
            if (p < 0 || p > 100) {
                throw new IllegalArgumentException("percentages must be 0..100");
            }
        }
        if (rejectPct + reviewPct > 100) {
            throw new IllegalArgumentException("reject + review must be at most 100 percent");
        }
        if (latencyMillis < 0 || hangMillis < 0) {
            throw new IllegalArgumentException("latency and hang must not be negative");
        }
    }

    /** Approves everyone at once: the default for tests that are not about the vendor. */
    public static KycSimConfig approveAll() {
        return new KycSimConfig(1, 0, 0, 0, 0, 0, false, 0, null);
    }
}
