package io.mbp.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class AggregatorPropertiesTest {
    static final long AT = Instant.parse("2026-11-27T12:00:00Z").getEpochSecond();
    static final OracleSpec SPEC = new OracleSpec("e", Kind.NUMERIC, null, new BigDecimal("-1000000"),
            new BigDecimal("1000000"), List.of(), Instant.parse("2026-11-28T00:00:00Z"), 1800, 7200, List.of());

    record Obs(long weight, BigDecimal value) {
    }

    @Provide
    Arbitrary<List<Obs>> observations() {
        Arbitrary<Long> weights = Arbitraries.longs().between(1, 10_000);
        Arbitrary<BigDecimal> values = Arbitraries.bigDecimals().between(new BigDecimal("-1000"), new BigDecimal("1000")).ofScale(4);
        return Combinators.combine(weights, values).as(Obs::new).list().ofMinSize(1).ofMaxSize(25);
    }

    static List<PanelSource> panel(List<Obs> obs) {
        List<PanelSource> p = new ArrayList<>();
        for (int i = 0; i < obs.size(); i++) {
            p.add(new PanelSource(String.format("s%03d", i), obs.get(i).weight()));
        }
        return p;
    }

    static List<Report> reports(List<Obs> obs) {
        List<Report> r = new ArrayList<>();
        for (int i = 0; i < obs.size(); i++) {
            BigDecimal v = obs.get(i).value();
            r.add(new Report(String.format("s%03d", i), AT - 60, v.toPlainString(), v));
        }
        return r;
    }

    static BigDecimal median(List<Obs> obs, List<Report> reports) {
        long total = obs.stream().mapToLong(Obs::weight).sum();
        return Aggregator.lowerWeightedMedian(reports, panel(obs), total);
    }

    @Property
    void weightedMedianIsOrderIndependent(@ForAll("observations") List<Obs> obs, @ForAll long seed) {
        List<Report> reports = reports(obs);
        BigDecimal expected = median(obs, reports);
        List<Report> shuffled = new ArrayList<>(reports);
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(0, expected.compareTo(median(obs, shuffled)));
        OracleParams p = OracleParams.DEFAULTS.withQuorumSources(1);
        assertEquals(Aggregator.aggregate(SPEC, p, panel(obs), reports, AT),
                Aggregator.aggregate(SPEC, p, panel(obs), shuffled, AT));
    }

    @Property
    void weightedMedianIsOneOfTheCountedValuesWithinTheirRange(@ForAll("observations") List<Obs> obs) {
        BigDecimal m = median(obs, reports(obs));
        BigDecimal min = obs.stream().map(Obs::value).min(BigDecimal::compareTo).orElseThrow();
        BigDecimal max = obs.stream().map(Obs::value).max(BigDecimal::compareTo).orElseThrow();
        assertTrue(m.compareTo(min) >= 0 && m.compareTo(max) <= 0, m + " outside [" + min + ", " + max + "]");
        assertTrue(obs.stream().anyMatch(o -> o.value().compareTo(m) == 0), "the median is a reported value");
    }

    /**
     * A minority (< 50% of the weight) moving its reports anywhere, however far, never pushes the
     * median outside the range of the majority's values; and where the majority agrees on one
     * value the minority cannot move the median at all.
     */
    @Property
    void minorityBelowHalfTheWeightCannotMoveTheMedianOutsideTheMajority(
            @ForAll("observations") List<Obs> honest, @ForAll("observations") List<Obs> attackers,
            @ForAll @IntRange(min = -1_000_000, max = 1_000_000) int far) {
        long h = honest.stream().mapToLong(Obs::weight).sum();
        List<Obs> minority = new ArrayList<>();
        long a = 0;
        for (Obs o : attackers) {
            if (2 * (a + o.weight()) < h + a + o.weight()) {
                minority.add(new Obs(o.weight(), BigDecimal.valueOf(far).add(o.value())));
                a += o.weight();
            }
        }
        List<Obs> all = new ArrayList<>(honest);
        all.addAll(minority);
        BigDecimal m = median(all, reports(all));
        BigDecimal min = honest.stream().map(Obs::value).min(BigDecimal::compareTo).orElseThrow();
        BigDecimal max = honest.stream().map(Obs::value).max(BigDecimal::compareTo).orElseThrow();
        assertTrue(m.compareTo(min) >= 0 && m.compareTo(max) <= 0,
                "median " + m + " left the majority's range [" + min + ", " + max + "] with minority weight " + a + " vs " + h);

        List<Obs> unanimous = new ArrayList<>();
        honest.forEach(o -> unanimous.add(new Obs(o.weight(), honest.get(0).value())));
        unanimous.addAll(minority);
        assertEquals(0, honest.get(0).value().compareTo(median(unanimous, reports(unanimous))));
    }

    @Property
    void quorumIsNeverMetWithFewerThanQSources(@ForAll @IntRange(min = 1, max = 8) int q,
                                               @ForAll @Size(max = 7) List<@LongRange(min = 1, max = 10_000) Long> weights) {
        List<Long> fresh = weights.subList(0, Math.min(weights.size(), q - 1));
        List<Obs> obs = new ArrayList<>();
        fresh.forEach(w -> obs.add(new Obs(w, BigDecimal.ONE)));
        OracleParams p = OracleParams.DEFAULTS.withQuorumSources(q);
        Aggregator.Result r = Aggregator.aggregate(SPEC, p, panel(obs), reports(obs), AT);
        assertEquals(Aggregator.Status.NO_QUORUM, r.status());
        assertEquals(null, r.answer());
    }

    @Property
    void staleOrFutureReportsNeverCount(@ForAll("observations") List<Obs> obs) {
        List<Report> old = new ArrayList<>();
        for (Report r : reports(obs)) {
            old.add(new Report(r.source(), AT - SPEC.stalenessSeconds() - 1, r.raw(), r.number()));
            old.add(new Report(r.source(), AT + 1, r.raw(), r.number()));
        }
        Aggregator.Result r = Aggregator.aggregate(SPEC, OracleParams.DEFAULTS.withQuorumSources(1), panel(obs), old, AT);
        assertEquals(0, r.freshSources());
        assertEquals(Aggregator.Status.NO_QUORUM, r.status());
        assertTrue(r.metrics().stream().allMatch(m -> m.status() == Aggregator.SourceStatus.STALE));
    }
}
