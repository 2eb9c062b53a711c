package io.mbp.cli;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    String url(TestDatabase engine) {
        return engine.url();
    }

    String h2Url() {
        return "jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath();
    }

    static String deposit(int i, String amount) {
        return "{\"type\":\"DepositReceived\",\"stream\":\"acct-" + i + "\",\"ts\":\"2026-11-27T10:00:0" + (i % 10)
                + "Z\",\"payload\":{\"account\":\"acct-" + i + "\",\"amount\":" + amount + ",\"e2eid\":\"E" + i + "\"}}";
    }

    Path file(String name, List<String> lines) throws IOException {
        return Files.write(tmp.resolve(name), lines);
    }

    @Test
    void versionAndHelp() {
        Run v = mbp("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("mbp "), v.out());
        Run h = mbp("--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("events") && h.out().contains("Exit codes"), h.out());
    }

    @Test
    void completionScriptNamesTheCommands() {
        Run c = mbp("completion");
        assertEquals(0, c.code());
        assertTrue(c.out().contains("complete -F") && c.out().contains("export"), "bash completion script expected");
    }

    @Test
    void unknownCommandOrOptionIsAUsageError() {
        assertEquals(2, mbp("events", "bogus").code());
        assertEquals(2, mbp("events", "export", "--format", "xml").code());
    }

    @EveryEngine
    void appendExportTailStatsEndToEnd(TestDatabase engine) throws Exception {
        String db = url(engine);
        assertEquals(0, mbp("--db", db, "db", "migrate").code());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            lines.add(deposit(i, String.valueOf(100 + i)));
        }
        Run a = mbp("--db", db, "--json", "events", "append", "--file", file("ok.ndjson", lines).toString());
        assertEquals(0, a.code(), a.err());
        JsonNode r = JSON.readTree(a.out());
        assertEquals(25, r.get("appended").asLong());
        assertEquals(25, r.get("log_size").asLong());

        Run s = mbp("events", "stats", "--json", "--db", db);
        JsonNode st = JSON.readTree(s.out());
        assertEquals(25, st.get("count").asLong());
        assertEquals(25, st.get("per_type").get("DepositReceived").asLong());

        Run t = mbp("--db", db, "--json", "events", "tail", "-n", "2");
        JsonNode tail = JSON.readTree(t.out());
        assertEquals(2, tail.size());
        assertEquals(24, tail.get(1).get("seq").asLong());
        assertEquals(124, tail.get(1).get("payload").get("amount").asLong());
        assertEquals(0, mbp("--db", db, "db", "migrate").code());
    }

    @EveryEngine
    void aFloatOnLineSevenLeavesTheLogUnchangedAndSaysLineSeven(TestDatabase engine) throws Exception {
        String db = url(engine);
        mbp("--db", db, "events", "append", "--file", file("first.ndjson", List.of(deposit(0, "1"))).toString());
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            lines.add(deposit(i, i == 7 ? "70.5" : String.valueOf(i * 100)));
        }
        Path bad = file("bad.ndjson", lines);
        Run a = mbp("--db", db, "events", "append", "--file", bad.toString());
        assertEquals(4, a.code());
        assertTrue(a.err().contains("line 7") && a.err().contains("payload.amount"), a.err());
        assertFalse(a.err().contains("Exception"), "no stack trace without --verbose: " + a.err());
        assertEquals("", a.out());
        JsonNode st = JSON.readTree(mbp("--db", db, "--json", "events", "stats").out());
        assertEquals(1, st.get("count").asLong());
    }

    @Test
    void missingFieldAndUnknownTypeAreBadInput() throws Exception {
        String db = h2Url();
        Run missing = mbp("--db", db, "events", "append", "--file", file("m.ndjson", List.of(
                deposit(1, "5"),
                "{\"type\":\"DepositReceived\",\"stream\":\"a\",\"ts\":\"2026-11-27T10:00:00Z\",\"payload\":{\"account\":\"a\",\"amount\":5}}"))
                .toString());
        assertEquals(4, missing.code());
        assertTrue(missing.err().contains("line 2: field payload.e2eid: missing"), missing.err());
        Run unknown = mbp("--db", db, "events", "append", "--file", file("u.ndjson", List.of(
                "{\"type\":\"Teleported\",\"stream\":\"a\",\"ts\":\"2026-11-27T10:00:00Z\",\"payload\":{}}")).toString());
        assertEquals(4, unknown.code());
        assertTrue(unknown.err().contains("line 1: field type: unknown event type 'Teleported'"), unknown.err());
        Run nofile = mbp("--db", db, "events", "append", "--file", tmp.resolve("nope.ndjson").toString());
        assertEquals(4, nofile.code());
        assertEquals(0, JSON.readTree(mbp("--db", db, "--json", "events", "stats").out()).get("count").asLong());
    }

    @Test
    void verboseShowsTheStackTrace() throws Exception {
        Run a = mbp("--db", h2Url(), "--verbose", "events", "append", "--file",
                file("v.ndjson", List.of(deposit(1, "1.5"))).toString());
        assertEquals(4, a.code());
        assertTrue(a.err().contains("BadInputException"), a.err());
    }

    @Test
    void unreachableDatabaseExitsFive() {
        Run a = mbp("--db", "jdbc:postgresql://127.0.0.1:1/mbp", "events", "stats");
        assertEquals(5, a.code(), a.err());
        assertTrue(a.err().contains("cannot open database"), a.err());
    }
}
