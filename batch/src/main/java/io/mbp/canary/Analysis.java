package io.mbp.canary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Canary against baseline, Kayenta-style (docs/adr/0319): each watcher's canary value is judged
 * against a limit derived from the baseline cohort's value over the same window, never against a
 * constant alone. A watcher without a value on either side is {@code no-data}, and no-data fails:
 * an analysis that saw nothing has not passed. Integers only (bps, seconds, centavos, ms).
 */
public final class Analysis {
    /** One watcher: its name, whether higher is worse, and the tolerance that turns a baseline into a limit. */
    public enum Watcher {
        SLIPPAGE_P95_BPS("slippage_p95_bps", true, 25, 25),
        SPREAD_P95_BPS("spread_p95_bps", true, 25, 25),
        DEPTH_P50_CENTAVOS("depth_p50_centavos", false, 25, 0),
        ORACLE_STALENESS_SECONDS("oracle_staleness_seconds", true, 0, 60),
        ORACLE_DIVERGENCE_BPS("oracle_divergence_bps", true, 0, 100),
        API_AVAILABILITY_BPS("api_availability_bps", false, 0, 10),
        API_LATENCY_P95_MS("api_latency_p95_ms", true, 20, 5),
        BURN_RATE_X100("burn_rate_x100", true, 50, 0);

        public final String metric;
        final boolean higherIsWorse;
        /** Relative slack in percent of the baseline, and absolute slack in the metric's unit: the larger applies. */
        final long pct;
        final long abs;

        Watcher(String metric, boolean higherIsWorse, long pct, long abs) {
            this.metric = metric;
            this.higherIsWorse = higherIsWorse;
            this.pct = pct;
            this.abs = abs;
        }

        /** The worst canary value the baseline allows. */
        public long limit(long baseline) {
            long slack = Math.max(Math.abs(baseline) * pct / 100, abs);
            if (this == BURN_RATE_X100) {
                return Math.max(baseline + slack, 100); // burning at most the budget's own pace is always fine
            }
            return higherIsWorse ? baseline + slack : Math.max(0, baseline - slack);
        }
    }

    public record Check(String metric, Long canary, Long baseline, Long limit, String verdict) {
        public String wire() {
            return metric + "|" + dash(canary) + "|" + dash(baseline) + "|" + dash(limit) + "|" + verdict;
        }

        private static String dash(Long v) {
            return v == null ? "-" : v.toString();
        }
    }

    public record Result(List<Check> checks, boolean passed) {
        public List<String> wire() {
            return checks.stream().map(Check::wire).toList();
        }
    }

    private Analysis() {
    }

    public static Result judge(Map<String, Long> canary, Map<String, Long> baseline) {
        List<Check> out = new ArrayList<>();
        boolean passed = true;
        for (Watcher w : Watcher.values()) {
            Long c = canary.get(w.metric);
            Long b = baseline.get(w.metric);
            if (c == null || b == null) {
                out.add(new Check(w.metric, c, b, null, "no-data"));
                passed = false;
                continue;
            }
            long limit = w.limit(b);
            boolean ok = w.higherIsWorse ? c <= limit : c >= limit;
            out.add(new Check(w.metric, c, b, limit, ok ? "pass" : "fail"));
            passed &= ok;
        }
        return new Result(List.copyOf(out), passed);
    }
}
