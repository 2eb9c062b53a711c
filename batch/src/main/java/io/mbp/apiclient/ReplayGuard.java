package io.mbp.apiclient;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Remembers every accepted (key, timestamp, signature) while its timestamp is inside the window, so
 * the same signed request is accepted once. Memory is bounded: past {@code capacity} remembered
 * signatures the oldest second is forgotten and every timestamp up to it is refused from then on
 * (never accept a replay; at worst refuse an old request as stale). Thread-safe.
 *
 * <p>A signature is remembered by its first 128 bits (two longs), not as text: every accepted write
 * stays here for up to ten minutes, long enough to be copied by each young collection on its way to
 * the old generation, and the text form cost three times the memory (docs/benchmarks.md, session 21).
 * Two different signatures of one key that share 128 bits would refuse the second as a replay, with
 * a chance of about n²/2¹²⁹ for n signatures in the window; a replay is never accepted.
 */
final class ReplayGuard {
    private final long windowSeconds;
    private final int capacity;
    private final TreeMap<Long, Set<Seen>> bySecond = new TreeMap<>();
    private int size;
    /** Timestamps at or below this are refused: their second was forgotten to stay within capacity. */
    private long floor = Long.MIN_VALUE;

    ReplayGuard(long windowSeconds, int capacity) {
        this.windowSeconds = windowSeconds;
        this.capacity = capacity;
    }

    /** A remembered signature: its key and its first 128 bits. */
    private record Seen(String keyId, long high, long low) {
    }

    /**
     * True the first time; false when seen before or when the guard can no longer tell.
     *
     * @param signature a verified signature: at least 32 hex digits (RequestSignature's are 64)
     */
    synchronized boolean firstTime(String keyId, long timestamp, String signature, long nowSeconds) {
        // forget what fell out of the window: a request that old is refused as stale anyway
        while (!bySecond.isEmpty() && bySecond.firstKey() < nowSeconds - windowSeconds) {
            size -= bySecond.pollFirstEntry().getValue().size();
        }
        if (timestamp <= floor) {
            return false;
        }
        Seen seen = new Seen(keyId, HexFormat.fromHexDigitsToLong(signature, 0, 16), HexFormat.fromHexDigitsToLong(signature, 16, 32));
        if (!bySecond.computeIfAbsent(timestamp, t -> new HashSet<>()).add(seen)) {
            return false;
        }
        size++;
        while (size > capacity) {
            Map.Entry<Long, Set<Seen>> oldest = bySecond.pollFirstEntry();
            size -= oldest.getValue().size();
            floor = Math.max(floor, oldest.getKey());
        }
        return timestamp > floor;
    }
}
