package io.mbp.cli;

import io.mbp.cli.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.slo.WatchedLog;
import io.mbp.sql.Database;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mbp slo rules` and `mbp slo report` from the command line: outputs, the log's SLIs, refusals. */
class SloReportCliTest {
    @TempDir
    Path tmp;

    @Test
    void rulesAreWrittenWhereAsked() throws Exception {
        Cli.Run r = Cli.mbp("slo", "rules", "--specs", Path.of("..", "specs", "slo").toString(), "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(Path.of("..", "scripts", "prometheus", "slo-rules.yml")), Files.readString(tmp.resolve("slo-rules.yml")));
        assertTrue(r.out().contains("5 objectives, 13 watcher alerts"), r.out());
        Cli.Run bad = Cli.mbp("slo", "rules", "--specs", tmp.resolve("nowhere").toString(), "--out", tmp.toString());
        assertEquals(4, bad.code());
        assertTrue(bad.err().contains("nowhere"), bad.err());
    }

    @Test
    void reportWithoutPrometheusGivesTheLogsSlisAndNoData() throws Exception {
        String db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        assertEquals(0, Cli.mbp("--db", db, "db", "migrate").code());
        Cli.Run r = Cli.mbp("--db", db, "--json", "slo", "report", "--specs", Path.of("..", "specs", "slo").toString(),
                "--from", "2026-11-01T00:00:00Z", "--to", "2026-12-01T00:00:00Z");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(5, j.get("objectives").size(), r.out());
        JsonNode api = j.get("objectives").get(0);
        assertEquals("api-availability", api.get("slo").asText());
        assertEquals("0.9995", api.get("target").asText());
        assertTrue(api.get("burn_rate").isNull(), r.out());
        assertEquals(0, j.get("payouts").get("confirmed").asLong());
        assertEquals(0, j.get("oracle_finalizations").get("count").asLong());
    }

    @Test
    void watchWritesTheLogsWatchersAsATextfile() throws Exception {
        String db = "jdbc:h2:file:" + tmp.resolve("w").toAbsolutePath();
        assertEquals(0, Cli.mbp("--db", db, "db", "migrate").code());
        assertEquals(2, Cli.mbp("--db", db, "slo", "watch").code(), "no folder named");
        Cli.Run r = Cli.mbp("--db", db, "slo", "watch", "--metrics-dir", tmp.resolve("m").toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(tmp.resolve("m").resolve("mbp_watchers.prom"));
        assertTrue(text.contains("# TYPE mbp_payouts_confirmed gauge") && text.contains("mbp_payouts_confirmed 0.0"), text);
        assertTrue(!text.contains("mbp_oracle_divergence_bps"), "no round logged, no oracle gauge: " + text);
        assertTrue(text.contains("mbp_payouts_mttr_samples 0.0") && !text.contains("mbp_payouts_mttr_p95_seconds"), text);
    }

    @Test
    void watchExportsPerSourceStalenessOutliersPayoutFailuresAndMttrFromTheLog() throws Exception {
        String db = "jdbc:h2:file:" + tmp.resolve("e").toAbsolutePath();
        assertEquals(0, Cli.mbp("--db", db, "db", "migrate").code());
        try (Database d = Database.open(db)) {
            WatchedLog.write(d);
        }
        CliClock.useClock(Clock.fixed(WatchedLog.NOW, ZoneOffset.UTC));
        try {
            Cli.Run r = Cli.mbp("--db", db, "slo", "watch", "--metrics-dir", tmp.resolve("m").toString());
            assertEquals(0, r.code(), r.err());
        } finally {
            CliClock.useClock(null);
        }
        String t = Files.readString(tmp.resolve("m").resolve("mbp_watchers.prom"));
        String seen = "mbp_oracle_source_last_observed_timestamp_seconds";
        // the newest observation, not the newest report
        assertEquals(Instant.parse("2026-11-27T09:59:00Z").getEpochSecond(), sample(t, seen, "event=\"EV-OPEN\"", "source=\"src-a\""), t);
        assertEquals(Instant.parse("2026-11-27T09:00:00Z").getEpochSecond(), sample(t, seen, "event=\"EV-OPEN\"", "source=\"src-b\""), t);
        assertEquals(1800, sample(t, "mbp_oracle_staleness_limit_seconds", "event=\"EV-OPEN\""), t);
        assertEquals(1, sample(t, "mbp_oracle_source_outlier", "event=\"EV-OPEN\"", "source=\"src-b\""), t);
        assertEquals(0, sample(t, "mbp_oracle_source_outlier", "event=\"EV-OPEN\"", "source=\"src-a\""), t);
        // a finalized event's sources no longer matter: no gauge to alert on
        for (String line : t.split("\n")) {
            boolean perSource = line.startsWith("mbp_oracle_source_") || line.startsWith("mbp_oracle_staleness_limit_seconds");
            assertTrue(!perSource || !line.contains("EV-DONE"), line);
        }
        assertEquals(4000, sample(t, "mbp_oracle_divergence_bps", "event=\"EV-OPEN\""), t);
        assertEquals(1, sample(t, "mbp_payouts_confirmed"), t);
        assertEquals(3, sample(t, "mbp_payouts_failed_attempts"), t);
        // p2 refused for good, p3 parked
        assertEquals(2, sample(t, "mbp_payouts_failed"), t);
        // p1: first failure 11:00, confirmed 13:00
        assertEquals(1, sample(t, "mbp_payouts_mttr_samples"), t);
        assertEquals(7200, sample(t, "mbp_payouts_mttr_p95_seconds"), t);
        assertEquals(7200, sample(t, "mbp_payouts_mttr_p50_seconds"), t);
        assertEquals(9900, sample(t, "mbp_recon_match_rate_bps", "date=\"2026-11-26\""), t);
        assertEquals(3, sample(t, "mbp_anchor_confirmations", "chain=\"1337\""), t);
    }

    /** One sample's value (labels in any order); fails when no line matches. */
    private static double sample(String text, String name, String... labels) {
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String l : labels) {
                all &= line.contains(l);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no " + name + " " + String.join(",", labels) + " in\n" + text);
    }

    @Test
    void refusals() {
        assertEquals(2, Cli.mbp("slo", "report", "--from", "2026-12-01T00:00:00Z", "--to", "2026-11-01T00:00:00Z").code());
        Cli.Run far = Cli.mbp("--db", "jdbc:h2:file:" + tmp.resolve("x").toAbsolutePath(), "slo", "report",
                "--specs", Path.of("..", "specs", "slo").toString(), "--from", "2026-11-01T00:00:00Z", "--to", "2026-12-01T00:00:00Z",
                "--prometheus", "http://192.0.2.1:9090");
        assertEquals(2, far.code(), far.err());
        assertTrue(far.err().contains("127.0.0.1"), far.err());
    }

    @Test
    void burnRateIsTheErrorRatioOverTheBudget() {
        var s = new io.mbp.slo.SloSpec("x-availability", "x", "availability", "x", new java.math.BigDecimal("0.999"),
                java.time.Duration.ofDays(30), "b[{{.window}}]", "t[{{.window}}]", true, true);
        var o = io.mbp.cli.slo.SloReportCommand.objective(s, 0.0005, java.time.Duration.ofDays(3), "test");
        assertEquals(0.5, o.burnRate(), 1e-9);
        assertEquals(0.9995, o.sli(), 1e-9);
        // half the budget's pace for a tenth of the window: 5% of the budget spent
        assertEquals(0.95, o.budgetRemaining(), 1e-9);
        assertNull(io.mbp.cli.slo.SloReportCommand.objective(s, null, java.time.Duration.ofDays(3), "test").burnRate());
    }
}
