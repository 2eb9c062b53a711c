package io.mbp.cli.daemon;

import io.mbp.market.Reject;
import java.util.Map;

/**
 * The API's rate limits: one token bucket per route group (orders, other writes, reads), each with a
 * burst of one second's rate. Over the limit is 429 with Retry-After. Thread-safe.
 */
final class RateLimiter {
    private final TokenBucket orders;
    private final TokenBucket writes;
    private final TokenBucket reads;
    /** Counts each refusal by group (GET /metrics); set by the daemon. */
    volatile DaemonMetrics metrics;

    RateLimiter(double ordersPerSecond, double writesPerSecond, double readsPerSecond) {
        orders = new TokenBucket(Math.max(1, ordersPerSecond), ordersPerSecond);
        writes = new TokenBucket(Math.max(1, writesPerSecond), writesPerSecond);
        reads = new TokenBucket(Math.max(1, readsPerSecond), readsPerSecond);
    }

    /**
     * Takes a token from the bucket of a request on {@code resource} ("orders", "markets", ...).
     *
     * @throws ApiError RATE_LIMITED with Retry-After when the bucket is empty
     */
    void take(boolean read, String resource) {
        TokenBucket b = read ? reads : "orders".equals(resource) ? orders : writes;
        long wait = b.take();
        if (wait > 0) {
            if (metrics != null) {
                metrics.rateLimited(read ? "reads" : "orders".equals(resource) ? "orders" : "writes");
            }
            throw new ApiError(Reject.RATE_LIMITED, null, "rate limit reached; retry after " + wait + " s",
                    Map.of("Retry-After", Long.toString(wait)));
        }
    }
}
