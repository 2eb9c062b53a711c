package io.mbp.cli.daemon;

/** A token bucket: {@code capacity} burst, refilled at {@code perSecond}. Thread-safe. */
final class TokenBucket {
    private final double capacity;
    private final double perSecond;
    private double tokens;
    private long last;

    TokenBucket(double capacity, double perSecond) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.tokens = capacity;
        this.last = System.nanoTime();
    }

    /** Takes a token; returns 0 when granted, else the whole seconds to wait (Retry-After). */
    synchronized long take() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }
}
