package io.mbp.canary;

import io.mbp.events.EventLog;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketQuality;
import io.mbp.market.QualityKpis;
import io.mbp.market.MarketService;
import io.mbp.oracle.OracleEvents;
import io.mbp.oracle.ReportReceived;
import io.mbp.oracle.RoundAggregated;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The watchers' values for one cohort of markets over {@code [from, to)} (docs/adr/0319): execution
 * quality from a replay ({@link MarketQuality}: the worst market's slippage p95, the p95 of the
 * markets' round-trip spreads and the median depth at 2%, at the window's end), the oracle of the
 * cohort's markets at the window's end (the oldest newest report, the widest last-round divergence),
 * and the API figures of the daemon that served the cohort. A value the window did not produce is
 * left out: the analysis counts it as no data.
 */
public final class Watchers {
    /** The reference order for spread, in centavos (CE$100). */
    public static final long REF_SIZE = 10_000;

    private Watchers() {
    }

    /** Per market: quality rows and the oracle event each market follows. */
    public record Sample(Map<String, QualityKpis> quality, Map<String, Long> staleness, Map<String, Long> divergence,
                         Map<String, String> oracleEventOf) {
    }

    public static Sample sample(Database db, Instant from, Instant to) {
        MarketService svc = new MarketService(db, new MarketEngine(), Clock.fixed(to, java.time.ZoneOffset.UTC));
        Map<String, QualityKpis> rows = new LinkedHashMap<>();
        // about sixty samples whatever the soak window, so a short phase is still measured
        long step = Math.max(1, (to.getEpochSecond() - from.getEpochSecond()) / 60);
        for (QualityKpis k : MarketQuality.sample(svc, from, to, step, REF_SIZE).markets()) {
            rows.put(k.market(), k);
        }
        Map<String, String> oracleOf = new HashMap<>();
        svc.load().books().values().forEach(b -> oracleOf.put(b.spec.market(), b.spec.oracleEvent()));
        Map<String, Long> newest = new HashMap<>();
        Map<String, Long> divergence = new HashMap<>();
        new EventLog(db).forEachOfTypes(List.of("ReportReceived", "RoundAggregated"), e -> {
            Object p = OracleEvents.TYPES.decode(e.type(), e.payload());
            if (p instanceof ReportReceived r) {
                long at = Instant.parse(r.observedAt()).getEpochSecond();
                if (at <= to.getEpochSecond()) {
                    newest.merge(r.event(), at, Math::max);
                }
            } else if (p instanceof RoundAggregated a && !Instant.parse(a.at()).isAfter(to)) {
                divergence.put(a.event(), a.countedWeightBps() == 0 ? 0 : 10_000 - a.agreeWeightBps() * 10_000 / a.countedWeightBps());
            }
        });
        Map<String, Long> staleness = new HashMap<>();
        newest.forEach((ev, at) -> staleness.put(ev, to.getEpochSecond() - at));
        return new Sample(rows, staleness, divergence, oracleOf);
    }

    /** The cohort's market and oracle watcher values, plus the API figures of the daemon serving it (null: none given). */
    public static Map<String, Long> values(Sample s, Collection<String> markets, ApiMetrics api) {
        Map<String, Long> v = new LinkedHashMap<>();
        List<Long> slip = new ArrayList<>();
        List<Long> spread = new ArrayList<>();
        List<Long> depth = new ArrayList<>();
        List<Long> stale = new ArrayList<>();
        List<Long> div = new ArrayList<>();
        for (String m : markets) {
            QualityKpis r = s.quality().get(m);
            if (r != null) {
                add(slip, r.fillSlippageP95Bps());
                add(spread, r.spreadP95Bps());
                add(depth, r.depth2PctP50Centavos());
            }
            String ev = s.oracleEventOf().get(m);
            if (ev != null) {
                add(stale, s.staleness().get(ev));
                add(div, s.divergence().get(ev));
            }
        }
        put(v, Analysis.Watcher.SLIPPAGE_P95_BPS, slip.isEmpty() ? null : rank(slip, 100));
        put(v, Analysis.Watcher.SPREAD_P95_BPS, spread.isEmpty() ? null : rank(spread, 95));
        put(v, Analysis.Watcher.DEPTH_P50_CENTAVOS, depth.isEmpty() ? null : rank(depth, 50));
        put(v, Analysis.Watcher.ORACLE_STALENESS_SECONDS, stale.isEmpty() ? null : rank(stale, 100));
        put(v, Analysis.Watcher.ORACLE_DIVERGENCE_BPS, div.isEmpty() ? null : rank(div, 100));
        if (api != null) {
            put(v, Analysis.Watcher.API_AVAILABILITY_BPS, api.availabilityBps());
            put(v, Analysis.Watcher.API_LATENCY_P95_MS, api.p95Millis());
            put(v, Analysis.Watcher.BURN_RATE_X100, api.burnRateX100());
        }
        return v;
    }

    private static void add(List<Long> l, Long v) {
        if (v != null) {
            l.add(v);
        }
    }

    private static void put(Map<String, Long> v, Analysis.Watcher w, Long value) {
        if (value != null) {
            v.put(w.metric, value);
        }
    }

    /** Nearest-rank percentile. */
    static long rank(List<Long> values, int pct) {
        List<Long> l = new ArrayList<>(values);
        l.sort(null);
        int i = (int) Math.max(0, Math.min(l.size() - 1, (l.size() * (long) pct + 99) / 100 - 1));
        return l.get(i);
    }
}
