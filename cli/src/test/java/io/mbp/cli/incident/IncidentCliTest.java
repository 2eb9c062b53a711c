package io.mbp.cli.incident;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incidents through the CLI on a real H2 file: the lifecycle, its timeline and MTTR, and each refusal named. */
class IncidentCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void openUpdateResolveKeepsATimelineAndMeasuresTimeToRestore() throws Exception {
        String db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        Run open = mbp("--db", db, "--json", "incident", "open", "--severity", "p1", "--title", "order API answers 503",
                "--service", "api", "--started", "2026-11-27T10:00:00Z", "--now", "2026-11-27T10:07:00Z", "--by", "ana",
                "--change", "abc1234");
        assertEquals(0, open.code(), open.err());
        JsonNode o = JSON.readTree(open.out());
        assertEquals("INC-0001", o.get("incident").asText());
        assertEquals("P1", o.get("severity").asText());
        assertEquals("investigating", o.get("status").asText());

        Run second = mbp("--db", db, "--json", "incident", "open", "--severity", "P3", "--title", "status page slow", "--service", "status",
                "--now", "2026-11-27T11:00:00Z");
        assertEquals("INC-0002", JSON.readTree(second.out()).get("incident").asText(), second.err());

        Run upd = mbp("--db", db, "--json", "incident", "update", "INC-0001", "--note", "rolled back abc1234", "--status", "monitoring",
                "--severity", "P2", "--now", "2026-11-27T10:20:00Z", "--by", "ana");
        assertEquals(0, upd.code(), upd.err());
        assertEquals("P2", JSON.readTree(upd.out()).get("severity").asText());
        assertEquals("monitoring", JSON.readTree(upd.out()).get("status").asText());

        Run res = mbp("--db", db, "--json", "incident", "resolve", "INC-0001", "--rca", "connection pool exhausted by a leak",
                "--actions", "pool metrics alert; leak fixed", "--restored", "2026-11-27T10:45:00Z", "--now", "2026-11-27T11:30:00Z");
        assertEquals(0, res.code(), res.err());
        JsonNode r = JSON.readTree(res.out());
        assertEquals("resolved", r.get("status").asText());
        assertEquals(45 * 60, r.get("time_to_restore_seconds").asLong(), "from impact start to restoration, not to the resolve command");
        assertTrue(r.get("within_target").asBoolean(), "P2 target is 4 h");
        assertEquals(3, r.get("timeline").size(), r.toString());
        assertTrue(r.get("timeline").get(1).asText().contains("severity P2 status monitoring: rolled back abc1234"), r.toString());

        Run list = mbp("--db", db, "incident", "list", "--open");
        assertTrue(list.out().contains("INC-0002") && !list.out().contains("INC-0001"), list.out());
        Run show = mbp("--db", db, "incident", "show", "INC-0001");
        assertTrue(show.out().contains("root cause: connection pool exhausted by a leak"), show.out());
    }

    @Test
    void refusalsAreNamedAndWriteNothing() throws Exception {
        String db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        assertEquals(2, mbp("--db", db, "incident", "open", "--severity", "P5", "--title", "x", "--service", "api").code());
        Run future = mbp("--db", db, "incident", "open", "--severity", "P2", "--title", "x", "--service", "api",
                "--started", "2026-11-27T12:00:00Z", "--now", "2026-11-27T11:00:00Z");
        assertEquals(4, future.code());
        assertTrue(future.err().contains("is in the future"), future.err());
        Run unknown = mbp("--db", db, "incident", "update", "INC-0009", "--note", "n");
        assertEquals(4, unknown.code());
        assertTrue(unknown.err().contains("incident INC-0009: no such incident"), unknown.err());

        assertEquals(0, mbp("--db", db, "incident", "open", "--severity", "P2", "--title", "x", "--service", "api",
                "--now", "2026-11-27T11:00:00Z").code());
        Run early = mbp("--db", db, "incident", "resolve", "INC-0001", "--rca", "r", "--actions", "a", "--restored", "2026-11-27T10:00:00Z",
                "--now", "2026-11-27T12:00:00Z");
        assertEquals(4, early.code());
        assertTrue(early.err().contains("must lie between the impact start"), early.err());
        assertEquals(0, mbp("--db", db, "incident", "resolve", "INC-0001", "--rca", "r", "--actions", "a",
                "--now", "2026-11-27T12:00:00Z").code());
        Run twice = mbp("--db", db, "incident", "resolve", "INC-0001", "--rca", "r", "--actions", "a");
        assertEquals(4, twice.code());
        assertTrue(twice.err().contains("was resolved already"), twice.err());
        assertEquals(2, mbp("--db", db, "incident", "update", "INC-0001", "--note", "n", "--status", "done").code());
        // the log's record of an incident is written by the command only: a raw append is refused
        Path raw = java.nio.file.Files.writeString(tmp.resolve("raw.ndjson"), "{\"type\":\"IncidentResolved\",\"stream\":\"INC-0002\","
                + "\"ts\":\"2026-11-27T12:00:00Z\",\"payload\":{\"incident\":\"INC-0002\",\"restored_at\":\"2026-11-27T12:00:00Z\","
                + "\"rca\":\"r\",\"actions\":\"a\",\"by\":\"x\"}}\n");
        Run refused = mbp("--db", db, "events", "append", "--file", raw.toString());
        assertEquals(4, refused.code());
        assertTrue(refused.err().contains("mbp incident open|update|resolve"), refused.err());
        JsonNode all = JSON.readTree(mbp("--db", db, "--json", "incident", "list").out());
        assertEquals(1, all.size());
        assertEquals(2, all.get(0).get("timeline").size(), "only the open and the resolve were logged");
    }
}
