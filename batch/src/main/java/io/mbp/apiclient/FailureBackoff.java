package io.mbp.apiclient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Credential-stuffing protection: failed authentications counted per name (a key id, a source
 * address). The first {@link #FREE} failures cost nothing; each further one locks the name out for
 * 2^(n - FREE) seconds, at most {@link #MAX_LOCK_SECONDS}. A name with no failure for
 * {@link #FORGET_SECONDS} is forgotten; at most {@code capacity} names are remembered (least recently
 * failed dropped first), so memory stays bounded whatever an attacker sends. Thread-safe.
 */
final class FailureBackoff {
    static final int FREE = 5;
    static final long MAX_LOCK_SECONDS = 900;
    static final long FORGET_SECONDS = 3600;

    private record Failures(int failures, long lastSecond) {
    }

    private final LinkedHashMap<String, Failures> entries;

    FailureBackoff(int capacity) {
        entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Seconds {@code name} is still locked out at {@code now}; 0 when it may try. */
    synchronized long lockedFor(String name, long now) {
        Failures e = entries.get(name);
        if (e == null) {
            return 0;
        }
        if (now - e.lastSecond() >= FORGET_SECONDS) {
            entries.remove(name);
            return 0;
        }
        return Math.max(0, e.lastSecond() + lockSeconds(e.failures()) - now);
    }

    synchronized void failed(String name, long now) {
        Failures e = entries.get(name);
        int n = e == null || now - e.lastSecond() >= FORGET_SECONDS ? 1 : e.failures() + 1;
        entries.put(name, new Failures(n, now));
    }

    synchronized void succeeded(String name) {
        entries.remove(name);
    }

    static long lockSeconds(int failures) {
        if (failures <= FREE) {
            return 0;
        }
        int shift = Math.min(30, failures - FREE);
        return Math.min(MAX_LOCK_SECONDS, 1L << shift);
    }
}
