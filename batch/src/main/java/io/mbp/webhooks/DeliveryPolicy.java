package io.mbp.webhooks;

import io.mbp.retry.Backoff;
import java.time.Duration;

/**
 * Retries with the platform's one {@link Backoff} (exponential, capped, equal jitter from
 * SHA-256(delivery + ":" + n), as payout retries), so a replay of the log or a test computes the same
 * schedule while deliveries that failed together do not retry together. After {@code maxAttempts} failures the
 * delivery is dead-lettered. The default spreads 8 attempts over about an hour.
 */
public record DeliveryPolicy(long baseMillis, long capMillis, int maxAttempts) {
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(30_000, 1_800_000, 8);

    public DeliveryPolicy {
        if (baseMillis < 1 || capMillis < baseMillis || maxAttempts < 1) {
            throw new IllegalArgumentException("delivery policy needs 1 <= base <= cap and at least one attempt");
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based) of {@code delivery}. */
    public Duration delayAfter(String delivery, long attempt) {
        return new Backoff(baseMillis, capMillis).delayAfter(delivery, attempt);
    }
}
