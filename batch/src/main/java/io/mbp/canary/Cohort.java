package io.mbp.canary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which markets a canary phase covers (docs/adr/0319): a market's bucket is the first eight bytes of
 * SHA-256 over its id (UTF-8), read as an unsigned big-endian number, modulo 100; a phase of
 * {@code p}% covers the buckets below {@code p}. The bucket depends on nothing but the id, so every
 * process agrees on it, a market stays in its cohort as phases grow (5% is inside 10%), and 100%
 * covers every market.
 */
public final class Cohort {
    public static final int BUCKETS = 100;

    private Cohort() {
    }

    public static int bucket(String market) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(market.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(v, BUCKETS);
    }

    /** Whether {@code market} is in the {@code percent}% cohort (0..100). */
    public static boolean contains(int percent, String market) {
        if (percent < 0 || percent > BUCKETS) {
            throw new IllegalArgumentException("percent must be within 0..100, got " + percent);
        }
        return bucket(market) < percent;
    }
}
