package io.mbp.sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A stable 64-bit number for a name: the first 8 bytes of SHA-256 over its UTF-8, big-endian. The
 * PostgreSQL advisory lock keys (a job's lock, the payouts' serialized steps; docs/adr/0310) and the
 * shard that owns a market (docs/adr/0309) all use it, so any client, in any language, derives the
 * same key from the name alone, and distinct names (prefixed by their use) do not collide by accident.
 */
public final class NameKey {
    private NameKey() {
    }

    /** The key of {@code name}, as a signed long (an advisory lock's bigint); read it unsigned for a modulus. */
    public static long of(String name) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        long k = 0;
        for (int i = 0; i < 8; i++) {
            k = (k << 8) | (h[i] & 0xff);
        }
        return k;
    }
}
