package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The price-move metric through the window's sliding extremes (ADR 0151) equals the scan of every
 * bucket it replaced, for any fills, times (out of order too), decision instants and snapshot loads,
 * and reading it never changes the window (the state).
 */
class HaltWindowPropertiesTest {
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    /** One fill: seconds after the previous one (negative: a writer with an earlier clock), its prices before and after. */
    record Fill(int dt, int b0, int b1, int a0, int a1, int askedAfter, boolean snapshotLoad) {
    }

    @Provide
    Arbitrary<List<Fill>> fills() {
        Arbitrary<Integer> dt = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.integers().between(-4, -1)),
                Tuple.of(8, Arbitraries.integers().between(0, 2)), Tuple.of(6, Arbitraries.integers().between(3, 120)));
        Arbitrary<Integer> price = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Boolean> load = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(true)), Tuple.of(12, Arbitraries.just(false)));
        return Combinators.combine(dt, price, price, price, price, Arbitraries.integers().between(-10, 400), load)
                .as(Fill::new).list().ofMinSize(1).ofMaxSize(150);
    }

    @Property(tries = 400)
    void theMetricEqualsTheScanOfEveryBucket(@ForAll("fills") List<Fill> fills,
                                             @ForAll @IntRange(min = 1, max = 600) int windowSeconds,
                                             @ForAll @IntRange(min = 0, max = 10_000) int extra0,
                                             @ForAll @IntRange(min = 0, max = 10_000) int extra1) {
        HaltPolicy policy = new HaltPolicy(java.time.Duration.ofSeconds(windowSeconds), HaltPolicy.DEFAULT.warnBps(),
                HaltPolicy.DEFAULT.softBps(), HaltPolicy.DEFAULT.hardBps(), HaltPolicy.DEFAULT.hysteresisBps(),
                HaltPolicy.DEFAULT.cooldown(), HaltPolicy.DEFAULT.maxReopeningsPerDay());
        MarketEvolve evolve = new MarketEvolve(policy);
        Halts halts = new Halts(policy);
        MarketState.Book b = new MarketState.Book(new MarketCreated("A", "EV", List.of("YES", "NO"), 200));
        Instant ts = T0;
        for (Fill f : fills) {
            ts = ts.plusSeconds(f.dt());
            if (f.snapshotLoad()) {
                b.extremes = null; // a book loaded from a snapshot has no cache yet
            }
            evolve.record(b, ts, new long[] {f.b0(), f.b1()}, new long[] {f.a0(), f.a1()});
            Instant asked = ts.plusSeconds(f.askedAfter());
            List<long[]> before = copy(b);
            assertEquals(halts.scannedMetric(b, asked), halts.metric(b, asked), "metric at " + asked + " over " + render(b));
            long[] p = {extra0, extra1};
            long[] q = {f.a1(), f.a0()};
            assertEquals(halts.scannedMetric(b, asked, p, q), halts.metric(b, asked, p, q), "metric with a decision's prices");
            assertEquals(render(before), render(copy(b)), "reading the metric changed the window");
        }
    }

    @Test
    void aBucketOutOfTimeOrderDropsTheCacheAndTheScanAnswersUntilItLeavesTheWindow() {
        MarketEvolve evolve = new MarketEvolve(HaltPolicy.DEFAULT);
        Halts halts = new Halts(HaltPolicy.DEFAULT);
        MarketState.Book b = new MarketState.Book(new MarketCreated("A", "EV", List.of("YES", "NO"), 200));
        evolve.record(b, T0, new long[] {5_000, 5_000}, new long[] {5_100, 4_900});
        assertEquals(100, halts.metric(b, T0));
        assertNotNull(b.extremes, "built on first use");
        evolve.record(b, T0.minusSeconds(2), new long[] {5_100, 4_900}, new long[] {6_000, 4_000});
        assertNull(b.extremes, "a bucket of an earlier second: no sliding extremes");
        assertEquals(halts.scannedMetric(b, T0), halts.metric(b, T0));
        assertEquals(1_000, halts.metric(b, T0));
        // once the window has only buckets in order again, the cache is back
        Instant later = T0.plus(HaltPolicy.DEFAULT.window()).plusSeconds(1);
        evolve.record(b, later, new long[] {6_000, 4_000}, new long[] {6_050, 3_950});
        assertEquals(50, halts.metric(b, later));
        assertNotNull(b.extremes);
    }

    private static List<long[]> copy(MarketState.Book b) {
        List<long[]> out = new ArrayList<>();
        for (long[] bucket : b.window) {
            out.add(bucket.clone());
        }
        return out;
    }

    private static String render(MarketState.Book b) {
        return render(copy(b));
    }

    private static String render(List<long[]> window) {
        StringBuilder s = new StringBuilder();
        window.forEach(x -> s.append(Arrays.toString(x)));
        return s.toString();
    }
}
