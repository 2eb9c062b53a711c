package io.mbp.payout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * Exponential backoff with jitter, bounded by {@code maxAttempts}. The jitter is derived from the
 * instruction id and attempt (SHA-256), not from a random source, so a replay or a test computes
 * the same schedule; different instructions still spread out, which is what jitter is for.
 */
public record RetryPolicy(long baseMillis, long capMillis, int maxAttempts, int maxPolls) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(200, 5_000, 6, 5);

    public RetryPolicy {
        if (baseMillis < 1 || capMillis < baseMillis || maxAttempts < 1 || maxPolls < 0) {
            throw new IllegalArgumentException("retry policy needs 1 <= base <= cap, max attempts >= 1, polls >= 0");
        }
    }

    /** Wait before attempt {@code attempt + 1}: "equal jitter" — half fixed, half drawn from [0, exp/2]. */
    public Duration delayAfter(String instructionId, long attempt) {
        long exp = baseMillis;
        for (long i = 1; i < attempt && exp < capMillis; i++) {
            exp *= 2;
        }
        exp = Math.min(exp, capMillis);
        long half = exp / 2;
        long u = Math.floorMod(hash(instructionId + ":" + attempt), 1001);
        return Duration.ofMillis(half + half * u / 1000);
    }

    private static long hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
