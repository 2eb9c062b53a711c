package io.mbp.cli.canary;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.canary.ReleaseParams;
import io.mbp.events.EventLog;
import io.mbp.market.HaltPolicy;
import io.mbp.oracle.OracleParams;
import io.mbp.release.EngineParams;
import io.mbp.sql.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mbp canary` on the sample day: start from a release folder, the soak and no-data refusals, rollback, and the drill. */
class CanaryCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DAY = Path.of("../samples/events/2026-11-27.ndjson");
    /** A params.json as `mbp release cut` writes it, fee 210 bps. */
    static final String PARAMS = new String(EngineParams.of(210, HaltPolicy.DEFAULT, OracleParams.DEFAULTS), StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    /** The sample day's trading (its withdrawals need the vault, which a canary does not touch). */
    String sampleDay() throws Exception {
        String db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        Path trading = Files.write(tmp.resolve("day.ndjson"),
                Files.readAllLines(DAY).stream().filter(l -> !l.contains("\"WithdrawalRequested\"")).toList());
        Run r = mbp("--db", db, "events", "append", "--file", trading.toString());
        assertEquals(0, r.code(), r.err());
        return db;
    }

    static long size(String db) {
        try (Database d = Database.openMigrated(db)) {
            return new EventLog(d).size();
        }
    }

    @Test
    void startFromAReleaseFolderRefusalsAndANoDataAnalysisRollsBack() throws Exception {
        String db = sampleDay();
        Path rel = Files.createDirectories(tmp.resolve("release-1.5.0"));
        Files.writeString(rel.resolve("params.json"), PARAMS);
        Files.writeString(rel.resolve("manifest.json"), "{\"version\":\"1.5.0\",\"params\":{\"path\":\"params.json\",\"sha256\":\""
                + ReleaseParams.sha256(PARAMS.getBytes(StandardCharsets.UTF_8)) + "\"}}");

        Run r = mbp("--db", db, "--json", "canary", "start", "--release", rel.toString(), "--now", "2026-11-28T00:00:00Z");
        assertEquals(0, r.code(), r.err());
        JsonNode s = JSON.readTree(r.out());
        assertEquals("initial", s.get("stable").asText());
        assertEquals("1.5.0", s.at("/canary/release").asText());
        assertEquals(5, s.at("/canary/percent").asLong());

        r = mbp("--db", db, "canary", "start", "--release", rel.toString(), "--now", "2026-11-28T00:01:00Z");
        assertEquals(4, r.code());
        assertTrue(r.err().contains("a canary of 1.5.0 is at 5%"), r.err());

        long before = size(db);
        r = mbp("--db", db, "canary", "promote", "--now", "2026-11-28T00:10:00Z");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("soaks until 2026-11-28T01:00:00Z ("), r.err());
        assertEquals(before, size(db), "a refused promotion writes nothing");

        // no daemon figures given: the API watchers have no data, so the analysis fails and rolls back
        r = mbp("--db", db, "--json", "canary", "promote", "--now", "2026-11-28T01:00:00Z");
        assertEquals(3, r.code(), r.out() + r.err());
        JsonNode p = JSON.readTree(r.out());
        assertFalse(p.get("passed").asBoolean());
        assertTrue(p.get("rolled_back").asBoolean());
        assertTrue(p.get("checks").toString().contains("api_availability_bps|-|-|-|no-data"), p.toString());
        assertTrue(p.at("/consistency/state_consistent").asBoolean(), p.toString());

        r = mbp("--db", db, "--json", "canary", "status");
        assertEquals(0, r.code(), r.err());
        s = JSON.readTree(r.out());
        assertTrue(s.get("canary").isNull());
        assertTrue(s.get("history").get(0).asText().startsWith("1.5.0 rolled back at 5%"), s.toString());

        r = mbp("--db", db, "canary", "rollback", "--reason", "again");
        assertEquals(4, r.code());
        assertTrue(r.err().contains("no canary is running"), r.err());
    }

    @Test
    void badParamsAndBadOptionsAreRefusedWithTheirNames() throws Exception {
        String db = "jdbc:h2:file:" + tmp.resolve("empty").toAbsolutePath();
        Path bad = tmp.resolve("params.json");
        Files.writeString(bad, PARAMS.replace("\"fee_bps\":210", "\"fee_bps\":-1"));
        Run r = mbp("--db", db, "canary", "start", "--params", bad.toString(), "--version", "2.0.0");
        assertEquals(4, r.code());
        assertTrue(r.err().contains(bad + ": field market.fee_bps"), r.err());
        assertFalse(r.err().contains("at io.mbp"), "no stack trace without --verbose");

        Files.writeString(bad, PARAMS);
        r = mbp("--db", db, "canary", "start", "--params", bad.toString());
        assertEquals(4, r.code());
        assertTrue(r.err().contains("no version"), r.err());
        assertEquals(2, mbp("--db", db, "canary", "start", "--params", bad.toString(), "--release", tmp.toString()).code());
        assertEquals(2, mbp("--db", db, "canary", "start", "--params", bad.toString(), "--version", "2", "--phases", "5,3,100").code());
        assertEquals(2, mbp("--db", db, "canary", "start", "--params", bad.toString(), "--version", "2", "--pubkey", bad.toString()).code());
    }

    @Test
    void theDrillRollsBackAtTwentyPercentConsistentlyAndLeavesTheSourceAlone() throws Exception {
        String db = sampleDay();
        long before = size(db);
        Path out = tmp.resolve("drill");
        Run r = mbp("--db", db, "canary", "drill", "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode rep = JSON.readTree(Files.readString(out.resolve("report.json")));
        assertTrue(rep.get("copy_identical").asBoolean());
        JsonNode phases = rep.get("phases");
        assertEquals(3, phases.size(), rep.toString());
        assertEquals(5, phases.get(0).get("percent").asLong());
        assertTrue(phases.get(0).get("canary_markets").asLong() > 0, "the 5% cohort holds drill markets");
        assertTrue(phases.get(0).get("passed").asBoolean(), phases.get(0).toString());
        assertTrue(phases.get(1).get("passed").asBoolean(), phases.get(1).toString());
        assertFalse(phases.get(2).get("passed").asBoolean());
        assertTrue(phases.get(2).get("fault_injected").asBoolean());
        assertTrue(phases.get(2).get("checks").toString().contains("|fail"), phases.get(2).toString());
        assertTrue(rep.get("rolled_back").asBoolean());
        assertEquals(20, rep.get("rolled_back_at").asLong());
        assertTrue(rep.get("state_consistent").asBoolean(), rep.toString());
        assertTrue(rep.get("source_prefix_unchanged").asBoolean());
        assertEquals(before, size(db), "the drill only reads the source");
        assertEquals(4, mbp("--db", db, "canary", "drill", "--out", out.toString()).code(), "a used folder is refused");
    }
}
