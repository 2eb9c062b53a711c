package io.mbp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NightlyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void notReadyThenDoneThenNoOpThenForced() throws Exception {
        String db = "jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath();
        String out = tmp.resolve("out").toString();
        MainTest.Run notReady = MainTest.mbp("--db", db, "nightly", "--date", "2026-11-27", "--out", out);
        assertEquals(69, notReady.code(), notReady.err());
        assertTrue(notReady.err().contains("no events are logged for 2026-11-27"), notReady.err());

        Path sample = Path.of("..", "samples", "events", "2026-11-27.ndjson");
        assertEquals(0, MainTest.mbp("--db", db, "events", "append", "--file", sample.toString()).code());
        MainTest.Run ok = MainTest.mbp("--db", db, "nightly", "--date", "2026-11-27", "--out", out);
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("public-exports") && ok.out().contains("ok"), ok.out());
        Path export = Path.of(out, "exports", "2026-11-27", "events-2026-11-27.ndjson");
        assertEquals(Files.readAllLines(sample).size(), Files.readAllLines(export).size());

        MainTest.Run again = MainTest.mbp("--db", db, "--json", "nightly", "--date", "2026-11-27", "--out", out);
        JsonNode j = new ObjectMapper().readTree(again.out());
        assertTrue(j.get("already_completed").asBoolean());

        MainTest.Run forced = MainTest.mbp("--db", db, "--json", "nightly", "--date", "2026-11-27", "--force", "--out", out);
        assertEquals(1, new ObjectMapper().readTree(forced.out()).get("ran").size());

        JsonNode list = new ObjectMapper().readTree(MainTest.mbp("--db", db, "--json", "jobs", "list").out());
        assertEquals(3, list.size());
        assertEquals("FAILED", list.get(2).get("status").asText());
        assertEquals(69, list.get(2).get("exitCode").asInt());
        assertTrue(list.get(0).get("forced").asBoolean());
        assertEquals(4, MainTest.mbp("--db", db, "jobs", "show", "99").code());
    }
}
