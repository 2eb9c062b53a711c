package io.mbp.apiclient;

import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers every accepted (key, timestamp, signature) while its timestamp is inside the window, so
 * the same signed request is accepted once. Memory is bounded: past {@code capacity} remembered
 * signatures the oldest second is forgotten and every timestamp up to it is refused from then on
 * (never accept a replay; at worst refuse an old request as stale). Thread-safe.
 *
 * <p>A signature is remembered by its first 128 bits (two longs), the first mixed with a 64-bit hash of
 * its key, in one open-addressing table of longs per second: no object per request. Every accepted
 * write stays here for up to ten minutes, long enough to be copied by each young collection on its way
 * to the old generation; the text form cost three times the memory (docs/benchmarks.md, session 21), and
 * a record and a map node per signature cost 6 % of the daemon's HTTP threads' samples (session 25).
 * A replay has the same key and signature, so the same two longs: it is never accepted. Two different
 * requests share them only when 128 bits of two HMAC outputs line up, a chance of about n²/2¹²⁹ for n
 * signatures in the window; the second is then refused as a replay.
 */
final class ReplayGuard {
    private final long windowSeconds;
    private final int capacity;
    private final TreeMap<Long, Pairs> bySecond = new TreeMap<>();
    /** The second most requests are signed in, and its table: no map lookup for them. */
    private long lastSecond = Long.MIN_VALUE;
    private Pairs last;
    private int size;
    /** Timestamps at or below this are refused: their second was forgotten to stay within capacity. */
    private long floor = Long.MIN_VALUE;

    ReplayGuard(long windowSeconds, int capacity) {
        this.windowSeconds = windowSeconds;
        this.capacity = capacity;
    }

    /**
     * True the first time; false when seen before or when the guard can no longer tell.
     *
     * @param signature a verified signature: at least 32 hex digits (RequestSignature's are 64)
     */
    synchronized boolean firstTime(String keyId, long timestamp, String signature, long nowSeconds) {
        // forget what fell out of the window: a request that old is refused as stale anyway
        while (!bySecond.isEmpty() && bySecond.firstKey() < nowSeconds - windowSeconds) {
            forget(bySecond.pollFirstEntry());
        }
        if (timestamp <= floor) {
            return false;
        }
        Pairs pairs = timestamp == lastSecond ? last : bySecond.computeIfAbsent(timestamp, t -> new Pairs());
        lastSecond = timestamp;
        last = pairs;
        if (!pairs.add(HexFormat.fromHexDigitsToLong(signature, 0, 16) ^ keyHash(keyId), HexFormat.fromHexDigitsToLong(signature, 16, 32))) {
            return false;
        }
        size++;
        while (size > capacity) {
            Map.Entry<Long, Pairs> oldest = bySecond.pollFirstEntry();
            forget(oldest);
            floor = Math.max(floor, oldest.getKey());
        }
        return timestamp > floor;
    }

    private void forget(Map.Entry<Long, Pairs> second) {
        size -= second.getValue().size;
        if (second.getValue() == last) {
            lastSecond = Long.MIN_VALUE;
            last = null;
        }
    }

    /** 64 bits of the key id (FNV-1a over its chars, then MurmurHash3's finalizer): keys apart, not a secret. */
    static long keyHash(String keyId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < keyId.length(); i++) {
            h = (h ^ keyId.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ h >>> 33;
    }

    /** A set of (high, low) pairs: open addressing by the low long (HMAC bits, uniform), at most half full. */
    private static final class Pairs {
        /** Slot i is table[2i], table[2i + 1]; (0, 0) marks a free slot, so that pair is {@link #zero}. */
        private long[] table = new long[2 * 16];
        private boolean zero;
        int size;

        boolean add(long high, long low) {
            if (high == 0 && low == 0) {
                if (zero) {
                    return false;
                }
                zero = true;
                size++;
                return true;
            }
            if ((size + 1) * 4 > table.length) {
                grow();
            }
            if (!insert(table, high, low)) {
                return false;
            }
            size++;
            return true;
        }

        /** Puts the pair in its slot; false when it is there already. */
        private static boolean insert(long[] t, long high, long low) {
            int mask = t.length / 2 - 1;
            for (int i = (int) (low ^ low >>> 32) & mask;; i = i + 1 & mask) {
                long h = t[2 * i];
                long l = t[2 * i + 1];
                if (h == 0 && l == 0) {
                    t[2 * i] = high;
                    t[2 * i + 1] = low;
                    return true;
                }
                if (h == high && l == low) {
                    return false;
                }
            }
        }

        private void grow() {
            long[] bigger = new long[table.length * 2];
            for (int i = 0; i < table.length; i += 2) {
                if (table[i] != 0 || table[i + 1] != 0) {
                    insert(bigger, table[i], table[i + 1]);
                }
            }
            table = bigger;
        }
    }
}
