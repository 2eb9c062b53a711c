package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The pool maths test for overflow instead of catching it (an exception per order was the daemon's
 * hottest engine cost): whatever the pool's size, on both sides of the long range, the quote equals
 * the one computed wholly in BigInteger (Gnosis' formula, rounded in the pool's favour).
 */
class FpmmOverflowPropertiesTest {
    @Property(tries = 2000)
    void productOrMinusOneIsTheExactProductWhenItFits(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long a,
                                                     @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long b) {
        BigInteger exact = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
        long got = Fpmm.timesOrMinusOne(a, b);
        assertEquals(exact.bitLength() <= 63 ? exact.longValueExact() : -1, got);
    }

    @Property(tries = 2000)
    void buyEqualsTheBigIntegerFormula(@ForAll @LongRange(min = 1_000_000, max = 1_000_000_000_000L) long yes,
                                       @ForAll @LongRange(min = 1_000_000, max = 1_000_000_000_000L) long no,
                                       @ForAll @LongRange(min = 1_000_000, max = 100_000_000_000L) long third,
                                       @ForAll @IntRange(min = 2, max = 3) int outcomes,
                                       @ForAll @LongRange(min = 10_000, max = 10_000_000) long amount) {
        long[] bal = outcomes == 2 ? new long[] {yes, no} : new long[] {yes, no, third};
        for (int i = 0; i < bal.length; i++) {
            Fpmm.BuyQuote q;
            try {
                q = Fpmm.buy(bal, i, amount, 200);
            } catch (MarketRejected r) {
                continue; // a refusal (dust, degenerate pool) is the same in either arithmetic
            }
            long inv = amount - Fpmm.fee(amount, 200);
            BigInteger num = BigInteger.valueOf(bal[i]);
            BigInteger den = BigInteger.ONE;
            for (int j = 0; j < bal.length; j++) {
                if (j != i) {
                    num = num.multiply(BigInteger.valueOf(bal[j]));
                    den = den.multiply(BigInteger.valueOf(bal[j] + inv));
                }
            }
            BigInteger[] qr = num.divideAndRemainder(den);
            long newBi = (qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE)).longValueExact();
            assertEquals(bal[i] + inv - newBi, q.shares(), "shares of outcome " + i);
            assertEquals(newBi, q.after()[i]);
            long[] after = bal.clone();
            for (int j = 0; j < bal.length; j++) {
                after[j] = j == i ? newBi : bal[j] + inv;
            }
            assertArrayEquals(after, q.after());
        }
    }

    @Property(tries = 2000)
    void sharesNeededEqualsTheBigIntegerFormula(@ForAll @LongRange(min = 1_000_000, max = 1_000_000_000_000L) long yes,
                                                @ForAll @LongRange(min = 1_000_000, max = 1_000_000_000_000L) long no,
                                                @ForAll @LongRange(min = 1, max = 500_000) long returned) {
        long[] bal = {yes, no};
        for (int i = 0; i < 2; i++) {
            long rpf = Fpmm.ceilDiv(returned * 10_000, 10_000 - 200);
            int j = 1 - i;
            long expected;
            if (bal[j] - rpf < Fpmm.MIN_POOL_BALANCE) {
                expected = -1;
            } else {
                BigInteger num = BigInteger.valueOf(bal[i]).multiply(BigInteger.valueOf(bal[j]));
                BigInteger den = BigInteger.valueOf(bal[j] - rpf);
                BigInteger[] qr = num.divideAndRemainder(den);
                expected = rpf + (qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE)).longValueExact() - bal[i];
            }
            assertEquals(expected, Fpmm.sharesNeeded(bal, i, returned, 200), "outcome " + i);
        }
    }
}
