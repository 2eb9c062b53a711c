package io.mbp.apiclient;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Remembers every accepted (key, timestamp, signature) while its timestamp is inside the window, so
 * the same signed request is accepted once. Memory is bounded: past {@code capacity} remembered
 * signatures the oldest second is forgotten and every timestamp up to it is refused from then on
 * (never accept a replay; at worst refuse an old request as stale). Thread-safe.
 */
final class ReplayGuard {
    private final long windowSeconds;
    private final int capacity;
    private final TreeMap<Long, Set<String>> bySecond = new TreeMap<>();
    private int size;
    /** Timestamps at or below this are refused: their second was forgotten to stay within capacity. */
    private long floor = Long.MIN_VALUE;

    ReplayGuard(long windowSeconds, int capacity) {
        this.windowSeconds = windowSeconds;
        this.capacity = capacity;
    }

    /** True the first time; false when seen before or when the guard can no longer tell. */
    synchronized boolean firstTime(String keyId, long timestamp, String signature, long nowSeconds) {
        // forget what fell out of the window: a request that old is refused as stale anyway
        while (!bySecond.isEmpty() && bySecond.firstKey() < nowSeconds - windowSeconds) {
            size -= bySecond.pollFirstEntry().getValue().size();
        }
        if (timestamp <= floor) {
            return false;
        }
        if (!bySecond.computeIfAbsent(timestamp, t -> new HashSet<>()).add(keyId + ":" + signature)) {
            return false;
        }
        size++;
        while (size > capacity) {
            Map.Entry<Long, Set<String>> oldest = bySecond.pollFirstEntry();
            size -= oldest.getValue().size();
            floor = Math.max(floor, oldest.getKey());
        }
        return timestamp > floor;
    }
}
