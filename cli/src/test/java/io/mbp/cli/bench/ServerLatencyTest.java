package io.mbp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The daemon's own request timings, read from its /metrics text (lines as DaemonMetrics writes them). */
class ServerLatencyTest {
    private static String metrics(int within10, int upTo250, int all, int other) {
        return "# HELP mbp_http_server_requests_seconds API requests by route, method and status\n"
                + "mbp_http_server_requests_seconds_bucket{method=\"POST\",route=\"/v2/orders\",status=\"201\",le=\"0.005\"} 0\n"
                + "mbp_http_server_requests_seconds_bucket{method=\"POST\",route=\"/v2/orders\",status=\"201\",le=\"0.01\"} " + within10 + "\n"
                + "mbp_http_server_requests_seconds_bucket{method=\"POST\",route=\"/v2/orders\",status=\"201\",le=\"0.25\"} " + upTo250 + "\n"
                + "mbp_http_server_requests_seconds_bucket{method=\"POST\",route=\"/v2/orders\",status=\"201\",le=\"+Inf\"} " + all + "\n"
                + "mbp_http_server_requests_seconds_bucket{method=\"POST\",route=\"/v2/orders\",status=\"409\",le=\"+Inf\"} " + other + "\n"
                + "mbp_http_server_requests_seconds_bucket{method=\"GET\",route=\"/v2/noop\",status=\"200\",le=\"+Inf\"} " + other + "\n";
    }

    @Test
    void theMeasuredWindowIsTheDifferenceOfTwoScrapes() {
        ServerLatency before = ServerLatency.parse(metrics(10, 20, 20, 5), "POST", "/v2/orders", 201);
        ServerLatency after = ServerLatency.parse(metrics(990, 1_015, 1_020, 500), "POST", "/v2/orders", 201);
        ServerLatency window = after.minus(before);
        assertEquals(new ServerLatency(980, 5, 1_000), window, "only this route and status, cumulative buckets");
        assertEquals("daemon-side (request read to answer): 98.0% within 10 ms, 0.50% over 250 ms", window.toString());
    }

    @Test
    void noSamplesSaySo() {
        assertEquals("daemon-side latency n/a", ServerLatency.parse("", "GET", "/v2/noop", 200).toString());
    }
}
