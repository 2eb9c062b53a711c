package io.mbp.cli.daemon;

import io.mbp.market.HaltLevel;
import io.mbp.market.MarketQuality;
import io.mbp.market.MarketState;
import io.mbp.market.MarketState.Book;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The domain watchers the daemon can see from its own state, read on the engine thread once a second
 * and published as gauges: markets per halt level, each open market's spread and depth at 2% (the same
 * figures as `mbp market quality`, at its default reference size), and which oracle events are on
 * TWAP failover. The alert thresholds are in specs/slo/watchers.yaml.
 */
final class MarketWatch {
    /** `mbp market quality`'s default --ref-size: the spread alert compares like with like. */
    static final long REF_SIZE = 10_000;

    record Figures(Map<String, Integer> halts, Map<String, Long> spreadBps, Map<String, Long> slippageBps,
                   Map<String, Long> depthCentavos, Map<String, Boolean> twapEvents) {
    }

    private MarketWatch() {
    }

    static Figures of(MarketState s, Instant now) {
        Map<String, Integer> halts = new TreeMap<>();
        for (HaltLevel l : HaltLevel.values()) {
            halts.put(l.wire(), 0);
        }
        Map<String, Long> spread = new TreeMap<>();
        Map<String, Long> slippage = new TreeMap<>();
        Map<String, Long> depth = new TreeMap<>();
        Map<String, Boolean> twap = new TreeMap<>();
        for (Book b : s.books().values()) {
            halts.merge(b.level().wire(), 1, Integer::sum);
            String ev = b.spec.oracleEvent();
            MarketState.OracleStatus os = ev == null ? null : s.oracle(ev);
            if (ev != null) {
                twap.put(ev, os != null && !"consensus".equals(os.mode));
            }
            if (!"open".equals(b.status(now)) || b.pool.length == 0 || b.pool[0] <= 0) {
                continue;
            }
            Long sp = MarketQuality.spreadBps(b.pool, b.feeBps(), REF_SIZE);
            Long d = MarketQuality.depth(b.pool, b.feeBps());
            Long sl = slippageBps(b.pool, b.feeBps());
            if (sp != null) {
                spread.put(b.spec.market(), sp);
            }
            if (sl != null) {
                slippage.put(b.spec.market(), sl);
            }
            if (d != null) {
                depth.put(b.spec.market(), d);
            }
        }
        return new Figures(halts, spread, slippage, depth, twap);
    }

    /**
     * The slippage a reference-size buy of the first outcome would get now: its average price (fee
     * included) against the marginal price before it, in bps of that price. It is `mbp market quality`'s
     * per-fill measure applied to the reference order, so the GA gate's "slippage ≤ 1.5%" reads the same
     * way on the dashboard and in the report; null when the pool refuses the order.
     */
    static Long slippageBps(long[] pool, long feeBps) {
        return MarketQuality.slippageBps(pool, feeBps, REF_SIZE);
    }
}
