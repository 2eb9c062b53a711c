package io.mbp.market;

import io.mbp.events.EventPayload;
import io.mbp.market.MarketState.Book;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Execution-quality figures per market over {@code [from, to)}, from a replay of the log:
 * slippage of each executed order (its average price against the pool's marginal price just
 * before it, in basis points of that price, fee included), the effective round-trip spread for a
 * reference-size buy then sell of the first outcome at the end of the period, and the depth: the
 * centavos a buy of the first outcome takes to lift its price by 2%.
 */
public final class MarketQuality {
    public record Row(String market, long orders, Long slippageP50Bps, Long slippageP95Bps, Long spreadBps,
                      Long depth2PctCentavos, long refSize) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("market", market);
            m.put("orders", orders);
            m.put("slippage_p50_bps", slippageP50Bps);
            m.put("slippage_p95_bps", slippageP95Bps);
            m.put("effective_spread_bps", spreadBps);
            m.put("depth_2pct_centavos", depth2PctCentavos);
            m.put("ref_size_centavos", refSize);
            return m;
        }
    }

    private MarketQuality() {
    }

    public static List<Row> compute(MarketService svc, Instant from, Instant to, long refSize) {
        Map<String, List<Long>> slips = new HashMap<>();
        Map<String, long[]> poolAtEnd = new TreeMap<>();
        MarketState end = svc.replayObserved((MarketState s, EventPayload e, Instant ts) -> {
            if (!ts.isBefore(to)) {
                for (Book b : s.books().values()) {
                    poolAtEnd.putIfAbsent(b.spec.market(), b.pool.clone());
                }
                return;
            }
            if (e instanceof OrderFilled o && !ts.isBefore(from)) {
                Book b = s.book(o.market());
                long mid = Fpmm.pricesBps(b.pool)[b.outcomeIndex(o.outcome())];
                if (mid > 0) {
                    long exec = Fpmm.mulDiv(o.cost(), Fpmm.BPS, o.shares());
                    long slip = Fpmm.mulDiv(Math.abs(exec - mid), Fpmm.BPS, mid);
                    slips.computeIfAbsent(o.market(), k -> new ArrayList<>()).add(slip);
                }
            }
        });
        List<Row> rows = new ArrayList<>();
        for (Book b : end.books().values()) {
            long[] pool = poolAtEnd.getOrDefault(b.spec.market(), b.pool);
            List<Long> l = slips.getOrDefault(b.spec.market(), List.of());
            l = new ArrayList<>(l);
            l.sort(null);
            Long p50 = l.isEmpty() ? null : l.get((int) Math.min(l.size() - 1, (l.size() * 50L + 99) / 100 - 1));
            Long p95 = l.isEmpty() ? null : l.get((int) Math.min(l.size() - 1, Math.max(0, (l.size() * 95L + 99) / 100 - 1)));
            Long spread = null;
            Long depth = null;
            boolean live = pool.length > 0 && pool[0] > 0 && b.settlement == null;
            if (live) {
                spread = spreadBps(pool, b.feeBps(), refSize);
                depth = depth(pool, b.feeBps());
            }
            rows.add(new Row(b.spec.market(), l.size(), p50, p95, spread, depth, refSize));
        }
        return rows;
    }

    /** The round-trip spread of a {@code refSize} buy then sell of the first outcome, in bps; null when the pool refuses it. */
    public static Long spreadBps(long[] pool, long feeBps, long refSize) {
        try {
            Fpmm.BuyQuote q = Fpmm.buy(pool, 0, refSize, feeBps);
            Fpmm.SellQuote s = Fpmm.sell(q.after(), 0, q.shares(), feeBps);
            return Fpmm.mulDiv(refSize - s.returned(), Fpmm.BPS, refSize);
        } catch (MarketRejected r) {
            return null;
        }
    }

    /** Centavos a buy of the first outcome takes to lift its price by 2%; null when no buy can. */
    public static Long depth(long[] pool, long feeBps) {
        long mid = Fpmm.pricesBps(pool)[0];
        long target = mid + Fpmm.ceilDiv(mid * 2, 100);
        long lo = 1;
        long hi = Fpmm.MAX_AMOUNT;
        if (target >= Fpmm.BPS) {
            return null;
        }
        while (lo < hi) {
            long m = lo + (hi - lo) / 2;
            long p;
            try {
                p = Fpmm.pricesBps(Fpmm.buy(pool, 0, m, feeBps).after())[0];
            } catch (MarketRejected r) {
                p = Long.MAX_VALUE;
            }
            if (p >= target) {
                hi = m;
            } else {
                lo = m + 1;
            }
        }
        return lo;
    }
}
