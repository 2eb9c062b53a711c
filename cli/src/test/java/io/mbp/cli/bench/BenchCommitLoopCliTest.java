package io.mbp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mbp bench commit-loop` runs the engine thread both ways on fresh SQLite files and compares them (ADR 0124). */
class BenchCommitLoopCliTest {
    @TempDir
    Path dir;

    @Test
    void bothModesAnswerEveryOrderAndOnlyTheOffEngineOneFsyncsOnItsOwn() throws Exception {
        Cli.Run r = Cli.mbp("--json", "bench", "commit-loop", "--clients", "4", "--rounds", "1", "--seconds", "0.5", "--warmup", "0",
                "--dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode all = new ObjectMapper().readTree(r.out());
        assertEquals(2 + 4, all.size(), r.out());
        for (int k = 0; k < 2; k++) {
            JsonNode run = all.get(k);
            boolean off = run.get("mode").asText().contains("off the engine");
            assertTrue(run.get("orders").asLong() > 0, r.out());
            assertEquals(0, run.get("errors").asLong(), r.out());
            assertTrue(run.get("commits").asLong() > 0, r.out());
            assertEquals(off, run.get("fsyncs").asLong() > 0, "fsyncs of its own only off the engine thread: " + run);
        }
        assertTrue(all.get(2).get("measurement").asText().contains("orders/s"), r.out());
        assertTrue(all.get(2).get("ratio").asDouble() > 0, r.out());

        Cli.Run bad = Cli.mbp("bench", "commit-loop", "--clients", "0", "--dir", dir.toString());
        assertEquals(2, bad.code(), bad.out());
        assertTrue(bad.err().contains("--clients"), bad.err());
    }
}
