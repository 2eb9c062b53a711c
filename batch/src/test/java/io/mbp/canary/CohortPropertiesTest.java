package io.mbp.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class CohortPropertiesTest {
    @Property
    void aMarketInACohortStaysInEveryLargerOne(@ForAll @StringLength(min = 1, max = 40) String market,
                                               @ForAll @IntRange(min = 0, max = 100) int small,
                                               @ForAll @IntRange(min = 0, max = 100) int large) {
        int lo = Math.min(small, large);
        int hi = Math.max(small, large);
        if (Cohort.contains(lo, market)) {
            assertTrue(Cohort.contains(hi, market), market + " is in the " + lo + "% cohort but not in the " + hi + "% one");
        }
        assertTrue(Cohort.contains(100, market));
        assertTrue(!Cohort.contains(0, market));
    }

    @Property
    void theBucketIsTheFirstEightBytesOfSha256ModuloOneHundred(@ForAll @StringLength(min = 1, max = 40) String market) throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-256").digest(market.getBytes(StandardCharsets.UTF_8));
        byte[] first = new byte[8];
        System.arraycopy(h, 0, first, 0, 8);
        int expected = new BigInteger(1, first).mod(BigInteger.valueOf(100)).intValueExact();
        assertEquals(expected, Cohort.bucket(market));
    }

    @Example
    void bucketsSpreadOverTheRange() {
        int[] counts = new int[100];
        for (int i = 0; i < 20_000; i++) {
            counts[Cohort.bucket("MKT-" + i)]++;
        }
        for (int b = 0; b < 100; b++) {
            // 200 expected per bucket; a hash that favoured buckets would put a canary on the wrong share of markets
            assertTrue(counts[b] > 120 && counts[b] < 280, "bucket " + b + " holds " + counts[b] + " of 20000");
        }
    }
}
