package io.mbp.cli.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.daemon.Daemon;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed rules in a real Prometheus (Debian's package, installed by scripts/prometheus/check when
 * missing) on 127.0.0.1, scraping a live daemon every second: under clean load the API's page alert
 * stays silent; with every second request answered 503 it fires, read back from /api/v1/alerts.
 */
class PrometheusAlertTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALERT = "MbpApiAvailabilityBurnPage";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    private Daemon daemon;
    private Process prometheus;

    @AfterEach
    void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private static String prometheusBinary() throws Exception {
        Process p = new ProcessBuilder("bash", Path.of("..", "scripts", "prometheus", "check").toString(), "--which")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), "scripts/prometheus/check --which");
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private int get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The alert's state in Prometheus (firing, pending) or "inactive" when it is not listed. */
    private String alertState(String prom) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(prom + "/api/v1/alerts")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode a : JSON.readTree(r.body()).path("data").path("alerts")) {
            if (ALERT.equals(a.path("labels").path("alertname").asText())) {
                assertEquals("page", a.path("labels").path("severity").asText());
                assertEquals("api-availability", a.path("labels").path("slo").asText());
                return a.path("state").asText();
            }
        }
        return "inactive";
    }

    /** Sends GETs for {@code seconds}, about 40 a second; returns how many. */
    private int load(String base, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int n = 0;
        while (System.nanoTime() < end) {
            get(base + "/v2/markets");
            n++;
            Thread.sleep(25);
        }
        return n;
    }

    @Test
    void theApiPageAlertFiresUnderInjectedErrorsAndNotBefore() throws Exception {
        String binary = prometheusBinary();
        daemon = new Daemon("jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath(), Daemon.Options.defaults(0), Clock.systemUTC());
        daemon.start();
        String base = "http://127.0.0.1:" + daemon.port();
        Path rules = Path.of("..", "scripts", "prometheus", RuleGenerator.SLO_FILE).toAbsolutePath().normalize();
        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:", "  scrape_interval: 1s", "  evaluation_interval: 1s",
                "rule_files:", "  - " + rules,
                "scrape_configs:", "  - job_name: mbp-daemon", "    metrics_path: /metrics",
                "    static_configs:", "      - targets: ['127.0.0.1:" + daemon.port() + "']", ""));
        int port = freePort();
        String prom = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(binary, "--config.file=" + config, "--storage.tsdb.path=" + tmp.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (get(prom + "/-/ready") == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertTrue(prometheus.isAlive(), () -> "prometheus exited: " + log());
            assertTrue(System.nanoTime() < deadline, () -> "prometheus not ready in 60 s: " + log());
            Thread.sleep(200);
        }

        // steady state: clean traffic, scraped and evaluated several times, no page
        assertTrue(load(base, 6) > 50);
        assertEquals("inactive", alertState(prom), "paged on clean traffic");
        // The 5-minute ratio needs two scrapes of the series and one rule evaluation after them; on a loaded
        // machine that can take longer than the traffic above, so wait for it (a rule that gives "no data"
        // on clean traffic still fails here, at the deadline).
        String cleanRatio = "slo:sli_error:ratio_rate5m{slo=\"api-availability\"}";
        Double clean = null;
        long evaluated = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (clean == null && System.nanoTime() < evaluated) {
            Thread.sleep(500);
            clean = new PrometheusQuery(prom).scalar(cleanRatio, java.time.Instant.now());
        }
        assertEquals(0.0, clean, "no 5xx yet is an error ratio of 0, not \"no data\"");

        daemon.failEvery(2);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String state = "inactive";
        while (!"firing".equals(state)) {
            assertTrue(System.nanoTime() < deadline, () -> "no page within 90 s of 50% errors: " + log());
            load(base, 1);
            state = alertState(prom);
        }
        // the recorded SLI agrees: about half the requests failed (PrometheusQuery is what `mbp slo report` asks with)
        Double ratio = new PrometheusQuery(prom).scalar("slo:sli_error:ratio_rate5m{slo=\"api-availability\"}", java.time.Instant.now());
        assertTrue(ratio != null && ratio > 0.05 && ratio <= 0.5, "5m error ratio " + ratio);
    }

    private String log() {
        try {
            return Files.readString(tmp.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
