package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The nearest-rank definition (ADR 0317), held as properties of what the percentile must be. */
class PercentilesPropertiesTest {
    private static long[] arr(List<Long> xs) {
        return xs.stream().mapToLong(Long::longValue).toArray();
    }

    @Property(tries = 500)
    void thePercentileIsAValueWithAtLeastPPercentAtOrBelowAndFewerThanPPercentBelow(
            @ForAll @Size(min = 1, max = 300) List<@LongRange(min = -1, max = 10_000_000) Long> xs,
            @ForAll @IntRange(min = 1, max = 100) int p) {
        long[] v = arr(xs);
        long q = Percentiles.of(v, v.length, p);
        long atOrBelow = Arrays.stream(v).filter(x -> x <= q).count();
        long below = Arrays.stream(v).filter(x -> x < q).count();
        assertTrue(Arrays.stream(v).anyMatch(x -> x == q), "a value of the data");
        assertTrue(atOrBelow * 100 >= (long) p * v.length, "at least p% at or below " + q);
        assertTrue(below * 100 < (long) p * v.length, "fewer than p% strictly below " + q);
    }

    @Property(tries = 300)
    void itIsMonotoneInPAndIgnoresTheInputOrder(@ForAll @Size(min = 1, max = 200) List<@LongRange(min = -1, max = 10_000_000) Long> xs,
                                               @ForAll @IntRange(min = 1, max = 99) int p) {
        long[] v = arr(xs);
        long[] reversed = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            reversed[i] = v[v.length - 1 - i];
        }
        assertTrue(Percentiles.of(v, v.length, p) <= Percentiles.of(v, v.length, p + 1));
        assertEquals(Percentiles.of(v, v.length, p), Percentiles.of(reversed, v.length, p));
        assertEquals(Arrays.stream(v).max().orElseThrow(), Percentiles.of(v, v.length, 100));
    }

    @Property(tries = 200)
    void onlyTheFirstNValuesCountAndTheInputStaysUnchanged(@ForAll @Size(min = 2, max = 100) List<@LongRange(min = 0, max = 1000) Long> xs,
                                                         @ForAll @IntRange(min = 1, max = 100) int p) {
        long[] v = arr(xs);
        long[] copy = v.clone();
        int n = v.length / 2;
        assertEquals(Percentiles.of(Arrays.copyOf(v, n), n, p), Percentiles.of(v, n, p));
        assertTrue(Arrays.equals(copy, v));
    }

    @Test
    void knownRanks() {
        assertEquals(19, Percentiles.rank(95, 20));
        assertEquals(20, Percentiles.rank(95, 21)); // ceil(19.95)
        assertEquals(1, Percentiles.rank(1, 1));
        assertEquals(50, Percentiles.of(new long[] {10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, 10, 50));
        assertEquals(100, Percentiles.of(new long[] {10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, 10, 95));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.rank(0, 5));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.rank(50, 0));
    }
}
