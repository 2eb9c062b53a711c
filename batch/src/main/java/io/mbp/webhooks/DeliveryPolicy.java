package io.mbp.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * Retries with exponential backoff and "equal jitter" (as io.mbp.payout's RetryPolicy): the wait
 * after attempt n is half of min(cap, base * 2^(n-1)) plus a share of the other half drawn from
 * SHA-256(delivery + ":" + n), so a replay of the log or a test computes the same schedule while
 * deliveries that failed together do not retry together. After {@code maxAttempts} failures the
 * delivery is dead-lettered. The default spreads 8 attempts over about an hour.
 */
public record DeliveryPolicy(long baseMillis, long capMillis, int maxAttempts) {
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(30_000, 1_800_000, 8);

    public DeliveryPolicy {
        if (baseMillis < 1 || capMillis < baseMillis || maxAttempts < 1) {
            throw new IllegalArgumentException("delivery policy needs 1 <= base <= cap and at least one attempt");
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based) of {@code delivery}. */
    public Duration delayAfter(String delivery, long attempt) {
        long exp = baseMillis;
        for (long i = 1; i < attempt && exp < capMillis; i++) {
            exp *= 2;
        }
        exp = Math.min(exp, capMillis);
        long half = exp / 2;
        long u = Math.floorMod(hash(delivery + ":" + attempt), 1001);
        return Duration.ofMillis(exp - half + half * u / 1000);
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
