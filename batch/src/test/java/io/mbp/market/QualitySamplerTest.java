package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.market.MarketCommand.CreateMarket;
import io.mbp.market.MarketCommand.Deposit;
import io.mbp.market.MarketCommand.PlaceOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sampling over time (ADR 0317): which instants see which state, and the gates on the figures. */
class QualitySamplerTest {
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    private final MarketEngine engine = new MarketEngine();
    private final MarketState state = new MarketState();

    /** Decides and applies a command at {@code ts}, showing the sampler each event first, as a replay does. */
    private void run(QualitySampler q, MarketCommand c, Instant ts) {
        for (MarketEvent e : engine.decide(state, c, ts)) {
            q.before(state, e, ts);
            engine.evolve(state, e, ts, -1);
        }
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aDeepLowFeeMarketPassesEveryGateAndAThinOneFailsDepth() {
        QualitySampler q = new QualitySampler(T0, at(600), 60, MarketQuality.DEFAULT_REF_SIZE);
        run(q, new CreateMarket("DEEP", "EV1", List.of("YES", "NO"), 50, null, null, null, "lp", 500_000_000, "E1"), at(0));
        run(q, new CreateMarket("THIN", "EV2", List.of("YES", "NO"), 50, null, null, null, "lp", 1_000_000, "E2"), at(0));
        QualityKpis.Report r = q.finish(state);
        assertEquals(2, r.markets().size());
        QualityKpis deep = r.market("DEEP");
        assertEquals(9, deep.samples(), "12:00 sees the state before the creation; 12:01..12:09 see the market");
        assertTrue(deep.spreadPass() && deep.slippagePass() && deep.depthPass(), deep.toMap().toString());
        QualityKpis thin = r.market("THIN");
        assertFalse(thin.depthPass(), thin.toMap().toString());
        assertTrue(thin.depth2PctP50Centavos() < QualityKpis.DEPTH_P50_MIN_CENTAVOS);
        assertEquals(18, r.overall().samples());
        assertFalse(r.overall().pass(), "the pooled depth p50 is the thin market's at rank 9 of 18");
        assertEquals(thin.depth2PctP50Centavos(), r.overall().depth2PctP50Centavos());
    }

    @Test
    void theDefaultTwoPercentFeeCannotPassSpreadOrSlippage() {
        QualitySampler q = new QualitySampler(T0, at(300), 60, MarketQuality.DEFAULT_REF_SIZE);
        run(q, new CreateMarket("M", "EV", List.of("YES", "NO"), MarketDefaults.FEE_BPS, null, null, null, "lp", 500_000_000, "E1"), at(0));
        QualityKpis k = q.finish(state).market("M");
        assertTrue(k.spreadP95Bps() > QualityKpis.SPREAD_P95_MAX_BPS, k.toMap().toString());
        assertTrue(k.slippageP95Bps() >= MarketDefaults.FEE_BPS, k.toMap().toString());
        assertFalse(k.pass());
        assertTrue(k.depthPass());
    }

    @Test
    void eachInstantSeesOnlyEventsStampedBeforeItAndP95FollowsTheWorstTwentiethOfTime() {
        QualitySampler q = new QualitySampler(T0, at(20 * 60), 60, MarketQuality.DEFAULT_REF_SIZE);
        run(q, new CreateMarket("M", "EV", List.of("YES", "NO"), 50, null, null, null, "lp", 10_000_000, "E1"), at(30));
        run(q, new Deposit("ana", 100_000_000, "D1", null, null), at(30));
        // 12:01..12:18 sample the balanced pool (18 instants); a big buy at 12:18:30 skews it for 12:19 only
        run(q, new PlaceOrder("M", "ana", "NO", "buy", 5_000_000, 0, null, null), at(18 * 60 + 30));
        QualityKpis k = q.finish(state).market("M");
        assertEquals(19, k.samples(), "12:00 came before the market existed");
        assertEquals(1, k.orders());
        long balanced = MarketQuality.slippageBps(new long[] {10_000_000, 10_000_000}, 50, MarketQuality.DEFAULT_REF_SIZE);
        long skewed = MarketQuality.slippageBps(state.book("M").pool, 50, MarketQuality.DEFAULT_REF_SIZE);
        assertTrue(skewed > balanced, skewed + " vs " + balanced);
        assertEquals(skewed, k.slippageP95Bps(), "nearest rank 95 of 19 is rank 19: the one skewed sample");
        QualitySampler shorter = new QualitySampler(T0, at(19 * 60), 60, MarketQuality.DEFAULT_REF_SIZE);
        MarketState s2 = new MarketState();
        for (MarketCommand c : List.of(new CreateMarket("M", "EV", List.of("YES", "NO"), 50, null, null, null, "lp", 10_000_000, "E1"),
                new Deposit("ana", 100_000_000, "D1", null, null))) {
            for (MarketEvent e : engine.decide(s2, c, at(30))) {
                shorter.before(s2, e, at(30));
                engine.evolve(s2, e, at(30), -1);
            }
        }
        QualityKpis before = shorter.finish(s2).market("M");
        assertEquals(18, before.samples());
        assertEquals(balanced, before.slippageP95Bps(), "without the skewed minute every sample is the balanced pool");
        assertEquals(new BigDecimal(BigDecimal.valueOf(balanced, 2).toPlainString()), before.toMap().get("slippage_p95_pct"));
    }

    @Test
    void withoutAWindowItRunsFromTheFirstEventToOneStepAfterTheLast() {
        QualitySampler q = new QualitySampler(null, null, 60, MarketQuality.DEFAULT_REF_SIZE);
        run(q, new CreateMarket("M", "EV", List.of("YES", "NO"), 50, null, null, null, "lp", 10_000_000, "E1"), at(90));
        run(q, new Deposit("ana", 1_000_000, "D1", null, null), at(5 * 60 + 10));
        QualityKpis.Report r = q.finish(state);
        assertEquals("2026-11-27T12:01:00Z", r.from());
        assertEquals("2026-11-27T12:07:00Z", r.to());
        assertEquals(5, r.market("M").samples(), "12:02 to 12:05, then 12:06 from the final state");
    }

    @Test
    void anEmptyWindowHasNoFiguresAndFailsEveryGate() {
        QualityKpis.Report r = new QualitySampler(T0, at(600), 60, 10_000).finish(state);
        assertEquals(0, r.overall().samples());
        assertNull(r.overall().spreadP95Bps());
        assertFalse(r.overall().pass());
    }

    @Test
    void aWindowOfTooManyInstantsIsRefused() {
        assertThrows(QualitySampler.TooManySamples.class,
                () -> new QualitySampler(T0, T0.plusSeconds(QualitySampler.MAX_INSTANTS + 1), 1, 10_000));
    }
}
