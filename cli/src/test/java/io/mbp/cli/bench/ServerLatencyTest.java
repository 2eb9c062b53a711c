package io.mbp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The daemon's own request timings, read from its /metrics text (lines as DaemonMetrics writes them). */
class ServerLatencyTest {
    private static String metrics(int within5, int within10, int within25, int upTo250, int all, int other) {
        String p = "mbp_http_server_requests_seconds_bucket{method=\"POST\",route=\"/v2/orders\",status=\"201\",le=\"";
        return "# HELP mbp_http_server_requests_seconds API requests by route, method and status\n"
                + p + "0.005\"} " + within5 + "\n"
                + p + "0.01\"} " + within10 + "\n"
                + p + "0.025\"} " + within25 + "\n"
                + p + "0.25\"} " + upTo250 + "\n"
                + p + "+Inf\"} " + all + "\n"
                + "mbp_http_server_requests_seconds_bucket{method=\"POST\",route=\"/v2/orders\",status=\"409\",le=\"+Inf\"} " + other + "\n"
                + "mbp_http_server_requests_seconds_bucket{method=\"GET\",route=\"/v2/noop\",status=\"200\",le=\"+Inf\"} " + other + "\n";
    }

    @Test
    void theMeasuredWindowIsTheDifferenceOfTwoScrapes() {
        ServerLatency before = ServerLatency.parse(metrics(0, 10, 15, 20, 20, 5), "POST", "/v2/orders", 201);
        ServerLatency after = ServerLatency.parse(metrics(500, 990, 1_005, 1_015, 1_020, 500), "POST", "/v2/orders", 201);
        ServerLatency window = after.minus(before);
        assertEquals(1_000, window.all(), "only this route and status");
        assertEquals(980, window.within(0.01));
        // 980 within 10 ms is under 99 % of 1,000; 990 within 25 ms is not
        assertEquals(0.025, window.p99Bound());
        assertEquals("daemon-side (request read to answer): 98.0% within 10 ms, 0.50% over 250 ms, p99 <= 25 ms", window.toString());
    }

    @Test
    void aTailBeyondEveryBoundSaysSo() {
        ServerLatency l = ServerLatency.parse(metrics(0, 0, 0, 0, 100, 0), "POST", "/v2/orders", 201);
        assertEquals(Double.POSITIVE_INFINITY, l.p99Bound());
        assertEquals("daemon-side (request read to answer): 0.0% within 10 ms, 100.00% over 250 ms, p99 over the largest bucket", l.toString());
    }

    @Test
    void noSamplesSaySo() {
        assertEquals("daemon-side latency n/a", ServerLatency.parse("", "GET", "/v2/noop", 200).toString());
    }
}
