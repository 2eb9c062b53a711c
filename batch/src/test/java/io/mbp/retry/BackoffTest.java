package io.mbp.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.payout.RetryPolicy;
import io.mbp.webhooks.DeliveryPolicy;
import java.math.BigInteger;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** One backoff for payout retries and webhook deliveries: same schedule, always within [exp/2, exp]. */
class BackoffTest {

    @Property(tries = 500)
    void theWaitIsWithinHalfAndAllOfTheCappedExponential(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 3) long base,
                                                         @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 3) long extra,
                                                         @ForAll @LongRange(min = 1, max = 80) long attempt,
                                                         @ForAll @StringLength(max = 40) String key) {
        long cap = base + extra;
        Backoff b = new Backoff(base, cap);
        // the capped exponential in exact arithmetic: a base near the top of long must not overflow
        long exp = BigInteger.valueOf(base).shiftLeft((int) attempt - 1).min(BigInteger.valueOf(cap)).longValueExact();
        long d = b.delayAfter(key, attempt).toMillis();
        assertTrue(d >= (exp + 1) / 2 && d <= exp, attempt + ": " + d + " outside [" + (exp + 1) / 2 + ", " + exp + "]");
        assertEquals(d, b.delayAfter(key, attempt).toMillis(), "same key and attempt, same wait");
    }

    @Property(tries = 300)
    void payoutRetriesAndWebhookDeliveriesBackOffAlike(@ForAll @LongRange(min = 1, max = 100_000) long base,
                                                       @ForAll @LongRange(min = 0, max = 10_000_000) long extra,
                                                       @ForAll @LongRange(min = 1, max = 30) long attempt,
                                                       @ForAll @StringLength(max = 40) String key) {
        Duration shared = new Backoff(base, base + extra).delayAfter(key, attempt);
        assertEquals(shared, new RetryPolicy(base, base + extra, 3, 0).delayAfter(key, attempt));
        assertEquals(shared, new DeliveryPolicy(base, base + extra, 3).delayAfter(key, attempt));
    }

    @Test
    void anOddBaseStillWaitsAtLeastHalfOfIt() {
        // 3 ms: the fixed half is rounded up (2 ms), the jittered one down, so the wait is 2 or 3 ms, never 1
        for (int i = 0; i < 50; i++) {
            long d = new Backoff(3, 3).delayAfter("po-" + i, 1).toMillis();
            assertTrue(d == 2 || d == 3, "po-" + i + ": " + d);
        }
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 9));
    }
}
