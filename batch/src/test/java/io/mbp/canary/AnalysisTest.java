package io.mbp.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisTest {
    static Map<String, Long> healthy() {
        Map<String, Long> m = new HashMap<>();
        m.put("slippage_p95_bps", 300L);
        m.put("spread_p95_bps", 420L);
        m.put("depth_p50_centavos", 80_000L);
        m.put("oracle_staleness_seconds", 30L);
        m.put("oracle_divergence_bps", 0L);
        m.put("api_availability_bps", 10_000L);
        m.put("api_latency_p95_ms", 10L);
        m.put("burn_rate_x100", 0L);
        return m;
    }

    @Test
    void aCanaryLikeItsBaselinePassesEveryWatcher() {
        Analysis.Result r = Analysis.judge(healthy(), healthy());
        assertTrue(r.passed(), r.wire().toString());
        assertEquals(Analysis.Watcher.values().length, r.checks().size());
        assertTrue(r.wire().contains("slippage_p95_bps|300|300|375|pass"), r.wire().toString());
    }

    @Test
    void theLimitFollowsTheBaselineNotAConstant() {
        Map<String, Long> canary = healthy();
        canary.put("slippage_p95_bps", 380L);
        assertFalse(Analysis.judge(canary, healthy()).passed(), "380 > 300 + 25%");
        Map<String, Long> worseBaseline = healthy();
        worseBaseline.put("slippage_p95_bps", 400L);
        assertTrue(Analysis.judge(canary, worseBaseline).passed(), "380 is better than a 400 baseline");
        Map<String, Long> thin = healthy();
        thin.put("depth_p50_centavos", 50_000L);
        assertTrue(Analysis.judge(thin, healthy()).wire().contains("depth_p50_centavos|50000|80000|60000|fail"));
    }

    @Test
    void missingDataOnEitherSideFailsTheAnalysis() {
        Map<String, Long> canary = healthy();
        canary.remove("api_latency_p95_ms");
        Analysis.Result r = Analysis.judge(canary, healthy());
        assertFalse(r.passed());
        assertTrue(r.wire().contains("api_latency_p95_ms|-|10|-|no-data"), r.wire().toString());
        Map<String, Long> baseline = healthy();
        baseline.remove("oracle_staleness_seconds");
        assertFalse(Analysis.judge(healthy(), baseline).passed());
        assertFalse(Analysis.judge(Map.of(), Map.of()).passed(), "an analysis that saw nothing has not passed");
    }

    @Test
    void burningWithinTheBudgetIsFineAboveItTheBaselineDecides() {
        Map<String, Long> canary = healthy();
        canary.put("burn_rate_x100", 90L);
        assertTrue(Analysis.judge(canary, healthy()).passed());
        canary.put("burn_rate_x100", 160L);
        assertFalse(Analysis.judge(canary, healthy()).passed());
    }

    @Test
    void apiMetricsFromAScrape() {
        String text = """
                # TYPE mbp_http_server_requests_seconds histogram
                mbp_http_server_requests_seconds_bucket{method="POST",route="/v2/orders",status="201",le="0.005"} 90.0
                mbp_http_server_requests_seconds_bucket{method="POST",route="/v2/orders",status="201",le="0.025"} 99.0
                mbp_http_server_requests_seconds_bucket{method="POST",route="/v2/orders",status="201",le="+Inf"} 100.0
                mbp_http_server_requests_seconds_count{method="POST",route="/v2/orders",status="201"} 100.0
                mbp_http_server_requests_seconds_bucket{method="GET",route="/v2/health",status="503",le="0.005"} 0.0
                mbp_http_server_requests_seconds_bucket{method="GET",route="/v2/health",status="503",le="0.025"} 1.0
                mbp_http_server_requests_seconds_bucket{method="GET",route="/v2/health",status="503",le="+Inf"} 1.0
                mbp_http_server_requests_seconds_count{method="GET",route="/v2/health",status="503"} 1.0
                """;
        ApiMetrics m = ApiMetrics.parse(text);
        assertEquals(101, m.requests());
        assertEquals(1, m.errors());
        assertEquals(25, m.p95Millis(), "96 of 101 requests needed: the 25 ms bucket holds them");
        assertEquals(9_900, m.availabilityBps());
        assertEquals(990, m.burnRateX100(), "1% errors against a 0.1% budget");
        assertEquals(null, ApiMetrics.parse("").availabilityBps(), "no requests: no data");
    }
}
