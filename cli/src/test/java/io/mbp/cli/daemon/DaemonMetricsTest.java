package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /metrics on a live daemon: the counts follow what the API answered, injected faults included. */
class DaemonMetricsTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private Daemon daemon;
    private SigningClient api;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = api.request(method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one sample line, e.g. {@code mbp_http_server_requests_seconds_count{...} 3.0}; 0 when absent. */
    private static double sample(String text, String name, String... labels) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String l : labels) {
                all &= line.contains(l);
            }
            if (all) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    @Test
    void countsRequestsByRouteAndStatusRateLimitsCommitsAndInjectedFaults() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        // 3 reads a second: the fourth GET in a burst is 429
        OperatorKey key = OperatorKey.provision(url, clock);
        daemon = new Daemon(url, key.on(new Daemon.Options(0, 500, 50_000, 5_000, 3, false, 8)), clock);
        daemon.start();
        api = key.client(daemon.port(), clock);
        assertEquals(201, send("POST", "/v2/markets", "m1", "{\"market\":\"M\",\"oracle_event\":\"EV\",\"outcomes\":[\"YES\",\"NO\"],"
                + "\"fee_bps\":200,\"liquidity\":100000,\"lp_account\":\"lp\",\"closes_at\":\"2026-11-28T00:00:00Z\"}").statusCode());
        assertEquals(201, send("POST", "/v2/deposits", "d1", "{\"account\":\"ana\",\"amount\":50000}").statusCode());
        assertEquals(404, send("GET", "/v2/nothing/here/at/all", null, null).statusCode());
        int limited = 0;
        for (int i = 0; i < 6; i++) {
            int s = send("GET", "/v2/markets/M", null, null).statusCode();
            limited += s == 429 ? 1 : 0;
        }
        assertTrue(limited > 0, "the read bucket of 3/s let 6 GETs through");
        daemon.failEvery(1);
        assertEquals(503, send("POST", "/v2/deposits", "d2", "{\"account\":\"ana\",\"amount\":1}").statusCode());
        daemon.failEvery(0);

        HttpResponse<String> m = send("GET", "/metrics", null, null);
        assertEquals(200, m.statusCode());
        assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String t = m.body();
        String req = "mbp_http_server_requests_seconds_count";
        assertEquals(1, sample(t, req, "route=\"/v2/markets\"", "method=\"POST\"", "status=\"201\""), t);
        assertEquals(1, sample(t, req, "route=\"/v2/deposits\"", "status=\"201\""), t);
        assertEquals(1, sample(t, req, "route=\"/v2/deposits\"", "status=\"503\""), t);
        assertEquals(1, sample(t, req, "route=\"unmatched\"", "status=\"404\""), t);
        assertEquals(limited, sample(t, req, "route=\"/v2/markets/{id}\"", "status=\"429\""), t);
        assertEquals(6 - limited, sample(t, req, "route=\"/v2/markets/{id}\"", "status=\"200\""), t);
        assertEquals(limited, sample(t, "mbp_rate_limit_rejections_total", "group=\"reads\""), t);
        // the latency objective's threshold is a bucket boundary: the SLI is an exact ratio
        assertTrue(t.contains("le=\"0.18\""), t);
        assertEquals(2, sample(t, "mbp_group_commit_size_sum"), t);
        assertTrue(sample(t, "mbp_group_commit_latency_seconds_count") >= 2, t);
        // the engine thread's CPU in each commit: one sample per commit, never more than the commit's wall time
        assertEquals(sample(t, "mbp_group_commit_latency_seconds_count"), sample(t, "mbp_group_commit_cpu_seconds_count"), t);
        assertTrue(sample(t, "mbp_group_commit_cpu_seconds_sum") > 0, t);
        assertTrue(sample(t, "mbp_group_commit_cpu_seconds_sum") <= sample(t, "mbp_group_commit_latency_seconds_sum") + 0.001, t);
        Matcher log = Pattern.compile("(?m)^mbp_log_size (\\S+)").matcher(t);
        assertTrue(log.find(), t);
        assertTrue(Double.parseDouble(log.group(1)) >= 3, t);
        assertTrue(t.contains("mbp_engine_queue_depth"), t);
        // the metrics scrape itself is no API request
        assertEquals(0, sample(t, req, "route=\"/metrics\""), t);

        // the engine's once-a-second watch: a R$ 100 buy of YES in a 1,000/1,000 pool at 2% fee invests
        // 9,800, gets 18,725 shares (109,800 - ceil(10^10 / 109,800)), so pays 5,340 bps a share
        // against a marginal 5,000: 680 bps of slippage, over the GA gate's 150
        String slip = "mbp_market_slippage_bps";
        for (int i = 0; i < 50 && !t.contains(slip + "{market=\"M\"}"); i++) {
            Thread.sleep(100);
            t = send("GET", "/metrics", null, null).body();
        }
        assertEquals(680, sample(t, slip, "market=\"M\""), t);
        assertTrue(sample(t, "mbp_market_spread_bps", "market=\"M\"") > 0, t);
    }

    /** The collector's pauses are in /metrics (ADR 0158), and a closed DaemonMetrics stops counting them. */
    @Test
    void countsTheCollectorsPausesUntilClosed() throws Exception {
        DaemonMetrics metrics = new DaemonMetrics();
        double before = sample(metrics.scrape(), "jvm_gc_pause_seconds_count");
        double after = before;
        for (int i = 0; i < 50 && after == before; i++) {
            System.gc(); // a full pause; its notification arrives on the JVM's own thread, a moment later
            Thread.sleep(100);
            after = sample(metrics.scrape(), "jvm_gc_pause_seconds_count");
        }
        assertTrue(after > before, "a System.gc() pause is counted: " + metrics.scrape());
        assertTrue(sample(metrics.scrape(), "jvm_gc_pause_seconds_sum") > 0);
        metrics.close();
        double closed = sample(metrics.scrape(), "jvm_gc_pause_seconds_count");
        System.gc();
        Thread.sleep(500);
        assertEquals(closed, sample(metrics.scrape(), "jvm_gc_pause_seconds_count"), "no listener is left after close");
    }

    @Test
    void routesAreTemplatesNeverRawPaths() {
        assertEquals("/v2/markets/{id}", DaemonMetrics.route("/v2/markets/M-123"));
        assertEquals("/v2/accounts/{id}", DaemonMetrics.route("/v2/accounts/ana"));
        assertEquals("/v2/kyc/callbacks", DaemonMetrics.route("/v2/kyc/callbacks"));
        assertEquals("/v2/orders", DaemonMetrics.route("/v2/orders"));
        assertEquals("unmatched", DaemonMetrics.route("/v2/orders/../../etc/passwd"));
        assertEquals("/v2/noop", DaemonMetrics.route("/v2/noop"), "bench daemon reads the anchor's own latency");
        assertEquals("unmatched", DaemonMetrics.route("/v2/noop/x"));
        assertEquals("invalid", DaemonMetrics.route(null));
    }
}
