package io.mbp.market;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sampled market-quality KPIs of one market (or all markets pooled) over a window, with the GA
 * gate thresholds of roadmap §1 (ADR 0317). A figure is null when there is no sample, or when the
 * percentile falls on a sample where the pool refused the reference order (an unquotable moment
 * counts as the worst value); a null figure fails its gate.
 */
public record QualityKpis(String market, long samples, long unquoted, Long spreadP95Bps, Long slippageP95Bps,
                          Long depth2PctP50Centavos, long orders, Long fillSlippageP95Bps) {
    /** Gate: spread p95 at most 2%. */
    public static final long SPREAD_P95_MAX_BPS = 200;
    /** Gate: slippage p95 at most 1.5%. */
    public static final long SLIPPAGE_P95_MAX_BPS = 150;
    /** Gate: depth at 2% p50 at least CE$75,000. */
    public static final long DEPTH_P50_MIN_CENTAVOS = 7_500_000;

    public boolean spreadPass() {
        return spreadP95Bps != null && spreadP95Bps <= SPREAD_P95_MAX_BPS;
    }

    public boolean slippagePass() {
        return slippageP95Bps != null && slippageP95Bps <= SLIPPAGE_P95_MAX_BPS;
    }

    public boolean depthPass() {
        return depth2PctP50Centavos != null && depth2PctP50Centavos >= DEPTH_P50_MIN_CENTAVOS;
    }

    public boolean pass() {
        return spreadPass() && slippagePass() && depthPass();
    }

    /** Basis points as an exact percent with two decimals (no floating point): 215 → 2.15. */
    public static BigDecimal pct(Long bps) {
        return bps == null ? null : BigDecimal.valueOf(bps, 2);
    }

    /** The JSON view: {@code spread_p95_pct}, {@code slippage_p95_pct}, {@code depth_2pct_p50_centavos}, the gates. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (market != null) {
            m.put("market", market);
        }
        m.put("samples", samples);
        m.put("unquoted_samples", unquoted);
        m.put("spread_p95_pct", pct(spreadP95Bps));
        m.put("slippage_p95_pct", pct(slippageP95Bps));
        m.put("depth_2pct_p50_centavos", depth2PctP50Centavos);
        m.put("spread_p95_bps", spreadP95Bps);
        m.put("slippage_p95_bps", slippageP95Bps);
        m.put("orders", orders);
        m.put("fill_slippage_p95_pct", pct(fillSlippageP95Bps));
        Map<String, Object> gates = new LinkedHashMap<>();
        gates.put("spread", spreadPass());
        gates.put("slippage", slippagePass());
        gates.put("depth", depthPass());
        m.put("gates", gates);
        m.put("pass", pass());
        return m;
    }

    /** The thresholds as the JSON reports them. */
    public static Map<String, Object> thresholds() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spread_p95_pct", pct(SPREAD_P95_MAX_BPS));
        m.put("slippage_p95_pct", pct(SLIPPAGE_P95_MAX_BPS));
        m.put("depth_2pct_p50_centavos", DEPTH_P50_MIN_CENTAVOS);
        return m;
    }

    /** A window's result: per market (sorted by id) and every market's samples pooled. */
    public record Report(String from, String to, long stepSeconds, long refSize, List<QualityKpis> markets, QualityKpis overall) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", from);
            m.put("to", to);
            m.put("step_seconds", stepSeconds);
            m.put("ref_size_centavos", refSize);
            m.put("percentile_method", "nearest-rank");
            m.put("thresholds", thresholds());
            m.put("overall", overall.toMap());
            m.put("markets", markets.stream().map(QualityKpis::toMap).toList());
            return m;
        }

        /** One market's report, or null when the window saw no such market. */
        public QualityKpis market(String id) {
            return markets.stream().filter(k -> k.market().equals(id)).findFirst().orElse(null);
        }
    }
}
