package io.mbp.payout;

import io.mbp.retry.Backoff;
import java.time.Duration;

/**
 * Exponential backoff with jitter ({@link Backoff}, shared with webhook deliveries), bounded by
 * {@code maxAttempts}. The jitter is derived from the instruction id and attempt (SHA-256), not from a random source, so a replay or a test computes
 * the same schedule; different instructions still spread out, which is what jitter is for.
 */
public record RetryPolicy(long baseMillis, long capMillis, int maxAttempts, int maxPolls) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(200, 5_000, 6, 5);

    public RetryPolicy {
        if (baseMillis < 1 || capMillis < baseMillis || maxAttempts < 1 || maxPolls < 0) {
            throw new IllegalArgumentException("retry policy needs 1 <= base <= cap, max attempts >= 1, polls >= 0");
        }
    }

    /** Wait before attempt {@code attempt + 1}: the platform's one {@link Backoff} ("equal jitter", within [exp/2, exp]). */
    public Duration delayAfter(String instructionId, long attempt) {
        return new Backoff(baseMillis, capMillis).delayAfter(instructionId, attempt);
    }
}
