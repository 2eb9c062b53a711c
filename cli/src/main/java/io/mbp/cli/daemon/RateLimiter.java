package io.mbp.cli.daemon;

import io.mbp.market.Reject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's quotas (docs/api-auth.md#quotas): one token bucket per principal (a client, or the source
 * address of a public read) and route, each with a burst of one second's rate of the route's group
 * (orders, other writes, reads). Every limited answer carries RateLimit-Limit, RateLimit-Remaining and
 * RateLimit-Reset; over the limit is 429 with Retry-After. Buckets of idle principals are dropped, so
 * memory stays bounded. Thread-safe.
 */
final class RateLimiter {
    static final int MAX_BUCKETS = 50_000;
    private final double ordersPerSecond;
    private final double writesPerSecond;
    private final double readsPerSecond;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    /** Counts each refusal by group (GET /metrics); set by the daemon. */
    volatile DaemonMetrics metrics;

    RateLimiter(double ordersPerSecond, double writesPerSecond, double readsPerSecond) {
        this.ordersPerSecond = ordersPerSecond;
        this.writesPerSecond = writesPerSecond;
        this.readsPerSecond = readsPerSecond;
    }

    /**
     * Takes a token from {@code principal}'s bucket for {@code resource} ("orders", "markets", ...).
     *
     * @return the RateLimit headers for the answer
     * @throws ApiError RATE_LIMITED with Retry-After and the RateLimit headers when the bucket is empty
     */
    Map<String, String> take(String principal, boolean read, String resource) {
        return take(principal, read, resource, 1);
    }

    /**
     * Takes {@code n} more tokens from the same bucket as {@link #take} for a write to {@code resource}: a
     * batch of n + 1 orders costs n + 1 order tokens (docs/adr/0155).
     *
     * @throws ApiError RATE_LIMITED as {@link #take}; INVALID_FIELD (field "orders") when the bucket cannot
     *     ever hold that many, so that no retry would help
     */
    Map<String, String> takeMore(String principal, String resource, int n) {
        double burst = Math.max(1, "orders".equals(resource) ? ordersPerSecond : writesPerSecond);
        if (n + 1 > burst) {
            throw new ApiError(Reject.INVALID_FIELD, "orders", "orders: this batch needs " + (n + 1) + " tokens and this client's bucket"
                    + " holds " + (long) burst + " (the daemon's --rate-orders); send fewer orders per batch");
        }
        return take(principal, false, resource, n);
    }

    private Map<String, String> take(String principal, boolean read, String resource, int n) {
        String group = read ? "reads" : "orders".equals(resource) ? "orders" : "writes";
        double rate = read ? readsPerSecond : "orders".equals(resource) ? ordersPerSecond : writesPerSecond;
        String key = principal + "|" + (read ? "GET " : "POST ") + resource;
        TokenBucket b = buckets.get(key);
        if (b == null) {
            if (buckets.size() >= MAX_BUCKETS) {
                buckets.values().removeIf(TokenBucket::idle);
            }
            b = buckets.computeIfAbsent(key, k -> new TokenBucket(Math.max(1, rate), rate));
        }
        TokenBucket.Taken t = b.take(n);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("RateLimit-Limit", Long.toString(t.limit()));
        h.put("RateLimit-Remaining", Long.toString(t.remaining()));
        h.put("RateLimit-Reset", Long.toString(t.resetSeconds()));
        if (!t.granted()) {
            if (metrics != null) {
                metrics.rateLimited(group);
            }
            h.put("Retry-After", Long.toString(t.retryAfter()));
            throw new ApiError(Reject.RATE_LIMITED, null, "rate limit reached; retry after " + t.retryAfter() + " s", h);
        }
        return h;
    }
}
