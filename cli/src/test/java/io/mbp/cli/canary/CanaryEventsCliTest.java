package io.mbp.cli.canary;

import io.mbp.cli.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.canary.CanaryState;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mbp canary events --release R` names the events a release produced (ADR 0322) and `mbp canary
 * status` the code each side runs (ADR 0321), on the sample day with a canary at 50%.
 */
class CanaryEventsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theEventsOfEachReleaseAddUpToTheLogAndStatusNamesTheCode() throws Exception {
        CanaryCliTest t = new CanaryCliTest();
        t.tmp = tmp;
        String db = t.sampleDay();
        Path params = Files.writeString(tmp.resolve("params.json"), CanaryCliTest.PARAMS);
        Cli.Run r = Cli.mbp("--db", db, "canary", "start", "--params", params.toString(), "--version", "1.5.0",
                "--phases", "50,100", "--now", "2026-11-28T00:00:00Z");
        assertEquals(0, r.code(), r.err());

        r = Cli.mbp("--db", db, "--json", "canary", "events", "--release", "1.5.0");
        assertEquals(0, r.code(), r.err());
        JsonNode canary = JSON.readTree(r.out());
        long size = CanaryCliTest.size(db);
        assertEquals(size, canary.at("/per_release/1.5.0").asLong() + canary.at("/per_release/initial").asLong(),
                "every event is produced by one release: " + canary.get("per_release"));
        assertEquals(canary.get("count").asLong(), canary.at("/per_release/1.5.0").asLong());
        Set<String> onCanary = new HashSet<>();
        try (Database d = Database.openMigrated(db)) {
            CanaryState s = CanaryState.load(new EventLog(d));
            s.markets().forEach((id, m) -> {
                if ("1.5.0".equals(s.releaseOf(id))) {
                    onCanary.add(id);
                }
            });
        }
        assertFalse(onCanary.isEmpty(), "the 50% cohort of the sample day's markets");
        long moves = 0;
        for (JsonNode e : canary.get("events")) {
            String type = e.get("type").asText();
            String stream = e.get("stream").asText();
            assertTrue(stream.equals("canary-1.5.0") || onCanary.contains(stream), e.toString());
            moves += "MarketParamsApplied".equals(type) ? 1 : 0;
        }
        assertEquals(onCanary.size(), moves, "one move per canary market, each produced under the release it applies");

        r = Cli.mbp("--db", db, "canary", "events", "--release", "initial", "--limit", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("release initial produced " + canary.at("/per_release/initial").asLong() + " events (first 2 listed)"),
                r.out());
        assertEquals(2, Cli.mbp("--db", db, "canary", "events", "--release", "x", "--limit", "-1").code());

        r = Cli.mbp("--db", db, "--json", "canary", "status", "--now", "2026-11-28T00:05:00Z");
        assertEquals(0, r.code(), r.err());
        JsonNode code = JSON.readTree(r.out()).get("code");
        assertEquals("initial", code.at("/stable/release").asText());
        assertTrue(code.at("/stable/commit").isNull() || code.at("/stable/commit").isMissingNode(), code.toString());
        assertEquals("1.5.0", code.at("/canary/release").asText());
        r = Cli.mbp("--db", db, "canary", "status", "--now", "2026-11-28T00:05:00Z");
        assertTrue(r.out().contains("code: canary 1.5.0: not cut in this log (parameters only)"), r.out());
    }
}
