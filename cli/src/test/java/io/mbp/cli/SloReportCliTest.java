package io.mbp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mbp slo rules` and `mbp slo report` from the command line: outputs, the log's SLIs, refusals. */
class SloReportCliTest {
    @TempDir
    Path tmp;

    @Test
    void rulesAreWrittenWhereAsked() throws Exception {
        MainTest.Run r = MainTest.mbp("slo", "rules", "--specs", Path.of("..", "specs", "slo").toString(), "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(Path.of("..", "scripts", "prometheus", "slo-rules.yml")), Files.readString(tmp.resolve("slo-rules.yml")));
        assertTrue(r.out().contains("5 objectives, 10 watcher alerts"), r.out());
        MainTest.Run bad = MainTest.mbp("slo", "rules", "--specs", tmp.resolve("nowhere").toString(), "--out", tmp.toString());
        assertEquals(4, bad.code());
        assertTrue(bad.err().contains("nowhere"), bad.err());
    }

    @Test
    void reportWithoutPrometheusGivesTheLogsSlisAndNoData() throws Exception {
        String db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        assertEquals(0, MainTest.mbp("--db", db, "db", "migrate").code());
        MainTest.Run r = MainTest.mbp("--db", db, "--json", "slo", "report", "--specs", Path.of("..", "specs", "slo").toString(),
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
        assertEquals(0, MainTest.mbp("--db", db, "db", "migrate").code());
        assertEquals(2, MainTest.mbp("--db", db, "slo", "watch").code(), "no folder named");
        MainTest.Run r = MainTest.mbp("--db", db, "slo", "watch", "--metrics-dir", tmp.resolve("m").toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(tmp.resolve("m").resolve("mbp_watchers.prom"));
        assertTrue(text.contains("# TYPE mbp_payouts_confirmed gauge") && text.contains("mbp_payouts_confirmed 0.0"), text);
        assertTrue(!text.contains("mbp_oracle_divergence_bps"), "no round logged, no oracle gauge: " + text);
    }

    @Test
    void refusals() {
        assertEquals(2, MainTest.mbp("slo", "report", "--from", "2026-12-01T00:00:00Z", "--to", "2026-11-01T00:00:00Z").code());
        MainTest.Run far = MainTest.mbp("--db", "jdbc:h2:file:" + tmp.resolve("x").toAbsolutePath(), "slo", "report",
                "--specs", Path.of("..", "specs", "slo").toString(), "--from", "2026-11-01T00:00:00Z", "--to", "2026-12-01T00:00:00Z",
                "--prometheus", "http://192.0.2.1:9090");
        assertEquals(2, far.code(), far.err());
        assertTrue(far.err().contains("127.0.0.1"), far.err());
    }

    @Test
    void burnRateIsTheErrorRatioOverTheBudget() {
        var s = new io.mbp.cli.slo.SloSpec("x-availability", "x", "availability", "x", new java.math.BigDecimal("0.999"),
                java.time.Duration.ofDays(30), "b[{{.window}}]", "t[{{.window}}]", true, true);
        var o = io.mbp.cli.slo.SloReportCommand.objective(s, 0.0005, java.time.Duration.ofDays(3), "test");
        assertEquals(0.5, o.burnRate(), 1e-9);
        assertEquals(0.9995, o.sli(), 1e-9);
        // half the budget's pace for a tenth of the window: 5% of the budget spent
        assertEquals(0.95, o.budgetRemaining(), 1e-9);
        assertNull(io.mbp.cli.slo.SloReportCommand.objective(s, null, java.time.Duration.ofDays(3), "test").burnRate());
    }
}
