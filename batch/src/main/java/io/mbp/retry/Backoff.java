package io.mbp.retry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * The one backoff of the platform (payout retries and webhook deliveries): exponential, capped, with
 * "equal jitter". The wait after failed attempt n (1-based) of {@code key} is half of
 * exp = min(cap, base * 2^(n-1)) (rounded up) plus a share of the other half drawn from
 * SHA-256(key + ":" + n) instead of a random source, so a replay of the log or a test computes the same
 * schedule while attempts that failed together do not retry together. Always within [exp/2, exp].
 */
public record Backoff(long baseMillis, long capMillis) {
    public Backoff {
        if (baseMillis < 1 || capMillis < baseMillis) {
            throw new IllegalArgumentException("backoff needs 1 <= base <= cap");
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based) of {@code key}. */
    public Duration delayAfter(String key, long attempt) {
        long exp = baseMillis;
        for (long i = 1; i < attempt && exp < capMillis; i++) {
            exp = exp > capMillis / 2 ? capMillis : exp * 2; // never past the cap, never overflowing
        }
        long half = exp / 2;
        long u = Math.floorMod(hash(key + ":" + attempt), 1001);
        // half * u / 1000 without the product (which overflows for waits of centuries, as jqwik found)
        return Duration.ofMillis(exp - half + half / 1000 * u + half % 1000 * u / 1000);
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
