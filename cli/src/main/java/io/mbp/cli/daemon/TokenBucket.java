package io.mbp.cli.daemon;

/** A token bucket: {@code capacity} burst, refilled at {@code perSecond}. Thread-safe. */
final class TokenBucket {
    /** One take: granted or not, and the quota as the RateLimit headers state it. */
    record Taken(boolean granted, long limit, long remaining, long resetSeconds, long retryAfter) {
    }

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
    long take() {
        Taken t = takeOne();
        return t.granted() ? 0 : t.retryAfter();
    }

    /** Takes a token if there is one, and says what is left and when the bucket is full again. */
    Taken takeOne() {
        return take(1);
    }

    /** Takes {@code n} tokens if there are that many (none otherwise), and says what is left and when the bucket is full again. */
    synchronized Taken take(int n) {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        boolean granted = tokens >= n;
        if (granted) {
            tokens -= n;
        }
        long reset = (long) Math.ceil((capacity - tokens) / perSecond);
        long retry = granted ? 0 : Math.max(1, (long) Math.ceil((n - tokens) / perSecond));
        return new Taken(granted, (long) capacity, (long) Math.floor(tokens), reset, retry);
    }

    /** Whether the bucket has refilled completely (its owner has been idle): it can be forgotten. */
    synchronized boolean idle() {
        return tokens + (System.nanoTime() - last) / 1e9 * perSecond >= capacity;
    }
}
