package io.mbp.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The auditor's reproducible random sample (ADR 0026): SHA-256 in counter mode. Block {@code i} is
 * SHA-256("mbp-audit-sample/1" ‖ label ‖ 0x00 ‖ seed as 8 bytes big-endian ‖ i as 8 bytes big-endian);
 * its first 8 bytes, unsigned, are a draw, rejected when at or above the largest multiple of the
 * population (so every index is equally likely) and reduced modulo it otherwise; repeats are skipped
 * until {@code n} distinct indices are drawn. Anyone can recompute it from the seed with a SHA-256
 * tool; no library's PRNG, whose algorithm could change between versions, decides the sample.
 */
public final class AuditSample {
    public static final String ALGORITHM = "SHA-256 counter mode: block i = SHA-256(\"mbp-audit-sample/1\" || label || 0x00 || "
            + "seed u64be || i u64be); draw = first 8 bytes u64be, rejected if >= floor(2^64 / N) * N, index = draw mod N; "
            + "repeats skipped";

    private AuditSample() {
    }

    /** {@code n} distinct indices in [0, population), ascending; all of them when n >= population. */
    public static List<Long> draw(String label, long seed, int n, long population) {
        if (population <= 0 || n <= 0) {
            return List.of();
        }
        if (n >= population) {
            List<Long> all = new ArrayList<>();
            for (long i = 0; i < population; i++) {
                all.add(i);
            }
            return all;
        }
        // 2^64 mod N, computed unsigned: draws below 2^64 - that are unbiased
        long rem = Long.remainderUnsigned(-1L, population) + 1;
        long limit = rem == population ? 0 : -rem; // unsigned 2^64 - rem; 0 means no rejection needed
        TreeSet<Long> picked = new TreeSet<>();
        MessageDigest sha = sha256();
        byte[] prefix = ("mbp-audit-sample/1" + label + "\0").getBytes(StandardCharsets.UTF_8);
        for (long i = 0; picked.size() < n; i++) {
            sha.reset();
            sha.update(prefix);
            sha.update(ByteBuffer.allocate(16).putLong(seed).putLong(i).array());
            long draw = ByteBuffer.wrap(sha.digest()).getLong();
            if (limit != 0 && Long.compareUnsigned(draw, limit) >= 0) {
                continue;
            }
            picked.add(Long.remainderUnsigned(draw, population));
        }
        return List.copyOf(picked);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
