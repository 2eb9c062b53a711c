package io.mbp.evidence;

import io.mbp.market.MarketEngine;
import io.mbp.market.MarketQuality;
import io.mbp.market.MarketState;
import io.mbp.market.QualityKpis;
import io.mbp.market.QualitySampler;
import io.mbp.sql.Database;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The GA gate's market-quality KPIs (ADR 0317) for the UTC day of the newest market event in the
 * bundle, sampled every minute at the default reference size from the market state replayed
 * through the engine's own evolve: per market and overall, with each gate's pass/fail. A bundle is
 * built after its day, so that day is the bundle's trading day; a log with no market event says so.
 */
final class MarketQualityReport implements EvidenceReport {
    @Override
    public String name() {
        return "market-quality";
    }

    @Override
    public List<String> compute(Database db, long treeSize) {
        Instant[] last = {null};
        Decoded.forEach(db, treeSize, SettlementsReport.MARKET_TYPES, (seq, ts, p) -> {
            if (last[0] == null || ts.isAfter(last[0])) {
                last[0] = ts;
            }
        });
        List<String> out = new ArrayList<>();
        if (last[0] == null) {
            out.add("market quality: no market events");
            return out;
        }
        Instant day = last[0].truncatedTo(ChronoUnit.DAYS);
        QualitySampler sampler = new QualitySampler(day, day.plus(1, ChronoUnit.DAYS), MarketQuality.DEFAULT_STEP_SECONDS,
                MarketQuality.DEFAULT_REF_SIZE);
        MarketEngine engine = new MarketEngine();
        MarketState state = new MarketState();
        long[] at = {-1};
        try {
            Decoded.forEach(db, treeSize, SettlementsReport.MARKET_TYPES, (seq, ts, p) -> {
                at[0] = seq;
                sampler.before(state, p, ts);
                engine.evolve(state, p, ts, seq);
            });
        } catch (RuntimeException e) {
            out.add("market state does not replay at seq " + at[0] + ": " + e.getClass().getSimpleName());
            return out;
        }
        QualityKpis.Report r = sampler.finish(state);
        out.add("market quality from " + r.from() + " to " + r.to() + " step_seconds " + r.stepSeconds() + " ref_size_centavos "
                + r.refSize() + " percentiles nearest-rank gates spread_p95_pct<=" + QualityKpis.pct(QualityKpis.SPREAD_P95_MAX_BPS)
                + " slippage_p95_pct<=" + QualityKpis.pct(QualityKpis.SLIPPAGE_P95_MAX_BPS) + " depth_2pct_p50_centavos>="
                + QualityKpis.DEPTH_P50_MIN_CENTAVOS);
        out.add(line("overall", r.overall()));
        for (QualityKpis k : r.markets()) {
            out.add(line("market " + k.market(), k));
        }
        return out;
    }

    private static String line(String what, QualityKpis k) {
        return what + " samples " + k.samples() + " unquoted " + k.unquoted() + " spread_p95_pct " + QualityKpis.pct(k.spreadP95Bps())
                + " slippage_p95_pct " + QualityKpis.pct(k.slippageP95Bps()) + " depth_2pct_p50_centavos " + k.depth2PctP50Centavos()
                + " orders " + k.orders() + " gates spread " + pf(k.spreadPass()) + " slippage " + pf(k.slippagePass()) + " depth "
                + pf(k.depthPass()) + " " + (k.pass() ? "PASS" : "FAIL");
    }

    private static String pf(boolean pass) {
        return pass ? "pass" : "fail";
    }
}
