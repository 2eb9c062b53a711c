package io.mbp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mbp bench daemon` against a daemon that verifies signed requests: the bench makes its own key in the
 * fresh database and hands the daemon the vault key, so both routes are answered, not refused.
 */
class BenchDaemonCliTest {
    @TempDir
    Path tmp;

    @Test
    void bothRoutesAreMeasuredWithSignedRequests() throws Exception {
        JsonNode runs = bench();
        for (JsonNode r : runs) {
            assertTrue(!r.get("name").asText().contains("wrk"), r.toString());
        }
    }

    /**
     * wrk's script signs as it sends: every order answered 201 by the real daemon (a bad signature or a
     * repeated write would be a 401, an error here), the log gapless after.
     */
    @Test
    void wrkMeasuresWithRequestsItSignsAsItSends() throws Exception {
        Assumptions.assumeTrue(WrkLoad.find().isPresent(), "no wrk on PATH: scripts/test installs it (scripts/wrk)");
        JsonNode runs = bench("--generator", "wrk");
        for (JsonNode r : runs) {
            assertTrue(r.get("name").asText().endsWith("(wrk)") && r.get("note").asText().contains("wrk, 2 connections"), r.toString());
        }
    }

    private JsonNode bench(String... more) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--json", "bench", "daemon", "--clients", "2", "--seconds",
                "2", "--warmup", "0.5", "--settle", "1", "--dir", tmp.toString()));
        args.addAll(java.util.List.of(more));
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "" + err);
        JsonNode runs = new ObjectMapper().readTree(out.toString());
        assertEquals(2, runs.size(), runs.toString());
        assertTrue(runs.get(0).get("name").asText().contains("POST /v2/orders"), runs.toString());
        assertTrue(runs.get(1).get("name").asText().contains("GET /v2/noop"), runs.toString());
        for (JsonNode r : runs) {
            assertTrue(r.get("requests").asLong() > 0, "answered requests: " + r);
            assertEquals(0, r.get("errors").asLong(), "a refused (401) request is an error: " + r);
        }
        return runs;
    }
}
