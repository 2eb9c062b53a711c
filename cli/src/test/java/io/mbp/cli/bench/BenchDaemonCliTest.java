package io.mbp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--json", "bench", "daemon", "--clients", "2", "--seconds", "2", "--warmup", "0.5", "--settle", "1", "--dir",
            tmp.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "" + err);
        JsonNode runs = new ObjectMapper().readTree(out.toString());
        assertEquals(2, runs.size(), runs.toString());
        assertTrue(runs.get(0).get("name").asText().contains("POST /v2/orders"), runs.toString());
        assertTrue(runs.get(1).get("name").asText().contains("GET /v2/noop"), runs.toString());
        for (JsonNode r : runs) {
            assertTrue(r.get("requests").asLong() > 0, "answered requests: " + r);
            assertEquals(0, r.get("errors").asLong(), "a refused (401) request is an error: " + r);
        }
    }
}
