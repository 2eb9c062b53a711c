package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.metrics.Textfile;
import io.mbp.cli.slo.WatchedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of every panel in scripts/grafana/*.json names only series we export: the daemon's
 * /metrics, the batch textfiles, or the recording rules in scripts/prometheus (plus Prometheus's ALERTS).
 */
class GrafanaDashboardsTest {
    private static final Path DASHBOARDS = Path.of("..", "scripts", "grafana");
    private static final Pattern OURS = Pattern.compile("\\b(mbp_[a-z0-9_]+|slo:[a-z0-9_:]+|ALERTS)\\b");
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

    @TempDir
    Path tmp;

    private Set<String> exported() throws Exception {
        DaemonMetrics m = new DaemonMetrics();
        m.bind(() -> 0, () -> 0);
        m.request("GET", "/v2/markets", 200, 1_000_000);
        m.rateLimited("reads");
        m.groupCommit(3, 1_000_000, 500_000);
        m.invariantCheck(true);
        m.invariantCheck(false);
        m.watch(new MarketWatch.Figures(Map.of("hard", 1), Map.of("M", 10L), Map.of("M", 10L), Map.of("M", 10L), Map.of("EV", true)));
        Set<String> names = new HashSet<>(names(m.scrape()));
        names.addAll(watched());
        Path textfiles = Files.createDirectories(tmp.resolve("textfiles"));
        new Textfile(textfiles).run("nightly", "oracle", Instant.EPOCH, Duration.ofSeconds(1), true, 1L, 1L);
        try (Stream<Path> files = Files.list(textfiles)) {
            for (Path f : files.toList()) {
                names.addAll(names(Files.readString(f)));
            }
        }
        Matcher r = Pattern.compile("(?m)^\\s*- record: (\\S+)$").matcher(Files.readString(Path.of("..", "scripts", "prometheus", "slo-rules.yml")));
        while (r.find()) {
            names.add(r.group(1));
        }
        names.add("ALERTS");
        return names;
    }

    /** What `mbp slo watch` writes for a log holding every kind of event it watches. */
    private Set<String> watched() throws Exception {
        return names(WatchedLog.watchers(Files.createDirectories(tmp.resolve("log"))));
    }

    private static Set<String> names(String exposition) {
        Set<String> s = new TreeSet<>();
        Matcher m = SAMPLE.matcher(exposition);
        while (m.find()) {
            s.add(m.group(1));
        }
        return s;
    }

    @Test
    void everyPanelQueryUsesExportedMetricNames() throws Exception {
        Set<String> exported = exported();
        assertTrue(exported.contains("mbp_http_server_requests_seconds_bucket"), exported.toString());
        List<Path> boards;
        try (Stream<Path> s = Files.list(DASHBOARDS)) {
            boards = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(5, boards.size(), "Oracle/anchors, Market quality, Payouts, SLO/burn, DR/chaos: " + boards);
        ObjectMapper json = new ObjectMapper();
        int queries = 0;
        for (Path b : boards) {
            JsonNode d = json.readTree(b.toFile());
            assertFalse(d.path("panels").isEmpty(), b + " has no panel");
            for (JsonNode p : d.path("panels")) {
                assertFalse(p.path("targets").isEmpty(), b + ": panel \"" + p.path("title").asText() + "\" has no query");
                for (JsonNode t : p.path("targets")) {
                    String expr = t.path("expr").asText();
                    Matcher m = OURS.matcher(expr);
                    boolean any = false;
                    while (m.find()) {
                        any = true;
                        assertTrue(exported.contains(m.group(1)), b.getFileName() + ": panel \"" + p.path("title").asText()
                                + "\" queries " + m.group(1) + ", which nothing exports");
                    }
                    assertTrue(any, b.getFileName() + ": panel \"" + p.path("title").asText() + "\" queries none of our metrics: " + expr);
                    queries++;
                }
            }
        }
        assertTrue(queries >= 25, "queries: " + queries);
    }

    @Test
    void everyWatcherAndMarketGaugeHasAPanel() throws Exception {
        Set<String> watched = watched();
        assertTrue(watched.contains("mbp_oracle_source_last_observed_timestamp_seconds") && watched.contains("mbp_payouts_mttr_p95_seconds"),
                watched.toString());
        Set<String> wanted = new TreeSet<>(watched);
        wanted.addAll(List.of("mbp_market_slippage_bps", "mbp_market_spread_bps", "mbp_market_depth_2pct_centavos", "mbp_oracle_twap_mode"));
        StringBuilder queries = new StringBuilder();
        try (Stream<Path> s = Files.list(DASHBOARDS)) {
            for (Path b : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                for (JsonNode p : new ObjectMapper().readTree(b.toFile()).path("panels")) {
                    for (JsonNode t : p.path("targets")) {
                        queries.append(t.path("expr").asText()).append('\n');
                    }
                }
            }
        }
        Set<String> queried = new HashSet<>();
        Matcher m = OURS.matcher(queries);
        while (m.find()) {
            queried.add(m.group(1));
        }
        wanted.removeAll(queried);
        assertTrue(wanted.isEmpty(), "no dashboard panel shows " + wanted);
    }

    @Test
    void aMisspelledMetricIsCaught() throws Exception {
        Set<String> exported = exported();
        assertFalse(exported.contains("mbp_market_spread"), "a prefix of a real name is not a name");
        assertFalse(exported.contains("mbp_http_requests_total"));
    }
}
