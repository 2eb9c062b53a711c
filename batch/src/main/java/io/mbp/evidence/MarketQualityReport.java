package io.mbp.evidence;

import io.mbp.events.EventPayload;
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
    public Pass open(Database db, long treeSize) {
        return new Pass() {
            private final MarketEngine engine = new MarketEngine();
            private final MarketState state = new MarketState();
            private Instant last; // the newest market event so far: its UTC day is the window
            private QualitySampler sampler;
            private RuntimeException samplerFailure; // the current window's sampler's first failure, and where
            private long samplerFailedAt;
            private RuntimeException evolveFailure; // the state's first refusal, and where: the fold stops there
            private long evolveFailedAt;

            @Override
            public void accept(LogRow e) {
                if (!SettlementsReport.MARKET_TYPES.contains(e.type())) {
                    return;
                }
                Instant ts = e.at();
                EventPayload p = e.decoded();
                if (last == null || ts.isAfter(last)) {
                    Instant day = ts.truncatedTo(ChronoUnit.DAYS);
                    if (last == null || !day.equals(last.truncatedTo(ChronoUnit.DAYS))) {
                        // One pass (ADR 0129): the window is known only at the end, but every event so far is
                        // stamped before this newer day, so a sampler of this day started now has missed
                        // nothing (it samples nothing before its window); the older day's sampler is dropped.
                        sampler = new QualitySampler(day, day.plus(1, ChronoUnit.DAYS), MarketQuality.DEFAULT_STEP_SECONDS,
                                MarketQuality.DEFAULT_REF_SIZE);
                        samplerFailure = null;
                    }
                    last = ts;
                }
                if (evolveFailure != null) {
                    return;
                }
                if (samplerFailure == null) {
                    try {
                        sampler.before(state, p, ts);
                    } catch (RuntimeException x) {
                        samplerFailure = x;
                        samplerFailedAt = e.seq();
                    }
                }
                try {
                    engine.evolve(state, p, ts, e.seq());
                    state.forgetStepViolations(); // not in the report: kept, they would grow with the log
                } catch (RuntimeException x) {
                    evolveFailure = x;
                    evolveFailedAt = e.seq();
                }
            }

            @Override
            public List<String> finish() {
                List<String> out = new ArrayList<>();
                if (last == null) {
                    out.add("market quality: no market events");
                } else if (samplerFailure != null && (evolveFailure == null || samplerFailedAt <= evolveFailedAt)) {
                    out.add(failed(samplerFailedAt, samplerFailure));
                } else if (evolveFailure != null) {
                    out.add(failed(evolveFailedAt, evolveFailure));
                } else {
                    lines(sampler.finish(state), out);
                }
                return out;
            }
        };
    }

    private static String failed(long seq, RuntimeException e) {
        return "market state does not replay at seq " + seq + ": " + e.getClass().getSimpleName();
    }

    /** The report's lines for a computed window (the one-pass test renders its reference window with it too). */
    static void lines(QualityKpis.Report r, List<String> out) {
        out.add("market quality from " + r.from() + " to " + r.to() + " step_seconds " + r.stepSeconds() + " ref_size_centavos "
                + r.refSize() + " percentiles nearest-rank gates spread_p95_pct<=" + QualityKpis.pct(QualityKpis.SPREAD_P95_MAX_BPS)
                + " slippage_p95_pct<=" + QualityKpis.pct(QualityKpis.SLIPPAGE_P95_MAX_BPS) + " depth_2pct_p50_centavos>="
                + QualityKpis.DEPTH_P50_MIN_CENTAVOS);
        out.add(line("overall", r.overall()));
        for (QualityKpis k : r.markets()) {
            out.add(line("market " + k.market(), k));
        }
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
