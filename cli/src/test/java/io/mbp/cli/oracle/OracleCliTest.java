package io.mbp.cli.oracle;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.testing.Cli;
import io.mbp.cli.testing.Cli.Run;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import io.mbp.sql.schema.Tables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample day through the real CLI, in-process, on H2 and SQLite files. */
public class OracleCliTest {
    static final Path SAMPLES = Path.of("..", "samples", "oracle").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String T0 = "2026-11-27T00:00:00Z";

    @TempDir
    Path tmp;

    /** A run's stdout as JSON. */
    static JsonNode json(Run r) {
        try {
            return JSON.readTree(r.out());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.out() + r.err(), e);
        }
    }


    String url(TestDatabase engine, String name) {
        return engine.url(name);
    }

    String h2Url(String name) {
        return "jdbc:h2:file:" + tmp.resolve(name).toAbsolutePath();
    }

    static Run mbp(String db, String... args) {
        return Cli.mbpOn(db, args);
    }

    static Run ok(String db, String... args) {
        Run r = mbp(db, args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + " failed: " + r.err() + r.out());
        return r;
    }

    /** The same steps as scripts/demo.d/20-oracle.sh. */
    public static void sampleDay(String db, Path out) throws Exception {
        ok(db, "oracle", "source", "add", "--file", SAMPLES.resolve("sources.csv").toString(), "--at", T0);
        ok(db, "oracle", "committee", "add", "--file", SAMPLES.resolve("committee.csv").toString(), "--at", T0);
        ok(db, "oracle", "event", "add", "--file", SAMPLES.resolve("events.json").toString(), "--at", T0);
        ok(db, "oracle", "ingest", "--file", SAMPLES.resolve("reports.csv").toString(), "--rejects",
                out.resolve("reports.rejects.csv").toString(), "--at", "2026-11-28T00:00:00Z");
        ok(db, "oracle", "ingest", "--file", SAMPLES.resolve("reports-late.ndjson").toString(), "--rejects",
                out.resolve("late.rejects.csv").toString(), "--at", "2026-11-28T00:00:00Z");
        ok(db, "oracle", "aggregate", "--at", T0, "--until", "2026-11-27T21:10:00Z", "--every", "PT10M");
        ok(db, "oracle", "dispute", "open", "brasileirao-2026-r37-fla-pal", "--by", "acct-7781", "--reason", "VAR",
                "--at", "2026-11-27T21:15:00Z");
        ok(db, "oracle", "aggregate", "--at", "2026-11-27T21:20:00Z", "--until", "2026-11-27T23:10:00Z");
        ok(db, "oracle", "dispute", "open", "eleicao-oab-sp-2026", "--by", "chapa-2", "--reason", "recount",
                "--at", "2026-11-27T23:12:00Z");
        ok(db, "oracle", "aggregate", "--at", "2026-11-27T23:20:00Z");
        ok(db, "oracle", "dispute", "open", "eleicao-oab-sp-2026", "--by", "chapa-2", "--reason", "recount again",
                "--at", "2026-11-27T23:22:00Z");
        ok(db, "oracle", "aggregate", "--at", "2026-11-27T23:30:00Z", "--until", "2026-11-28T00:00:00Z");
        ok(db, "oracle", "dispute", "resolve", "eleicao-oab-sp-2026", "--outcome", "chapa_1", "--signer", "comite-ana",
                "--signer", "comite-bruno", "--at", "2026-11-28T01:00:00Z");
        ok(db, "oracle", "finalize", "--at", "2026-11-28T02:00:00Z");
    }

    @EveryEngine
    void theSampleDayFinalizesEveryEventWithTheRightAnswer(TestDatabase engine) throws Exception {
        String db = url(engine, "day");
        sampleDay(db, tmp);

        Map<String, String> answers = new HashMap<>();
        Map<String, String> via = new HashMap<>();
        for (JsonNode e : json(ok(db, "--json", "oracle", "event", "list"))) {
            answers.put(e.get("id").asText(), e.get("finalized").asText());
            via.put(e.get("id").asText(), e.get("finalized_via").asText());
        }
        assertEquals(10, answers.size());
        assertEquals("5.3587", answers.get("ptax-usdbrl-2026-11-27"), "the outlier (latam-wire, +4%) does not move the median");
        assertEquals("6.1890", answers.get("ptax-eurbrl-2026-11-27"));
        assertEquals("128112.45", answers.get("ibovespa-close-2026-11-27"));
        assertEquals("0.21", answers.get("ipca15-2026-11"));
        assertEquals("951.35", answers.get("usdclp-2026-11-27"));
        assertEquals("1192.50", answers.get("usdars-blue-2026-11-27"));
        assertEquals("hold", answers.get("copom-2026-11-27"));
        assertEquals("cut_25", answers.get("banxico-2026-11-27"));
        assertEquals("home", answers.get("brasileirao-2026-r37-fla-pal"));
        assertEquals("re_proposed", via.get("brasileirao-2026-r37-fla-pal"));
        assertEquals("chapa_1", answers.get("eleicao-oab-sp-2026"));
        assertEquals("committee", via.get("eleicao-oab-sp-2026"));

        JsonNode blue = json(ok(db, "--json", "oracle", "status", "usdars-blue-2026-11-27"));
        assertEquals("consensus", blue.get("mode").asText());
        assertEquals("1192.50", blue.get("finalized").get("value").asText());
        JsonNode changes = blue.get("mode_changes");
        assertEquals(2, changes.size(), "DolarHoy's silence: one failover and one recovery, no flapping");
        assertEquals("2026-11-27T14:50:00Z", changes.get(0).get("at").asText());
        assertEquals("fallback", changes.get(0).get("to").asText());
        assertEquals("consensus", changes.get(1).get("to").asText());
        JsonNode copom = json(ok(db, "--json", "oracle", "status", "copom-2026-11-27"));
        assertEquals("hold", copom.get("finalized").get("outcome").asText());
        String text = ok(db, "oracle", "status", "usdars-blue-2026-11-27").out();
        assertTrue(text.contains("cronista-ar (stale"), text);
        assertTrue(text.contains("FINALIZED 1192.50"), text);

        List<String> rejects = Files.readAllLines(tmp.resolve("reports.rejects.csv"), StandardCharsets.UTF_8);
        assertEquals("input,reason,detail,source,event,observed_at,value", rejects.get(0));
        List<String> reasons = rejects.subList(1, rejects.size()).stream().map(l -> l.split(",")[1]).sorted().toList();
        assertEquals(List.of("duplicate", "future", "out_of_bounds", "unknown_event", "unknown_outcome", "unknown_source",
                "unparsable"), reasons);
        List<String> late = Files.readAllLines(tmp.resolve("late.rejects.csv"), StandardCharsets.UTF_8);
        assertEquals(2, late.size());
        assertTrue(late.get(1).contains("never JSON numbers"), late.get(1));

        // I3 in the database: a second finalized row for the event cannot be written.
        try (Database d = Database.openMigrated(db)) {
            int finalized = d.read(x -> x.fetchCount(Tables.ORACLE_FINALIZED));
            assertEquals(10, finalized);
            assertThrows(DataAccessException.class, () -> d.inTransaction(x -> x.insertInto(Tables.ORACLE_FINALIZED)
                    .set(Tables.ORACLE_FINALIZED.EVENT_ID, "copom-2026-11-27").set(Tables.ORACLE_FINALIZED.KIND, "categorical")
                    .set(Tables.ORACLE_FINALIZED.ANSWER, "cut_25").set(Tables.ORACLE_FINALIZED.INVALID, 0)
                    .set(Tables.ORACLE_FINALIZED.VIA, "committee").set(Tables.ORACLE_FINALIZED.FINALIZED_AT, T0)
                    .set(Tables.ORACLE_FINALIZED.SEQ, 0L).execute()));
            long metrics = d.read(x -> x.fetchCount(Tables.ORACLE_SOURCE_METRICS,
                    Tables.ORACLE_SOURCE_METRICS.STATUS.eq("stale").and(Tables.ORACLE_SOURCE_METRICS.SOURCE_ID.eq("cronista-ar"))));
            assertTrue(metrics > 50, "staleness is recorded per source per round");
        }
    }

    @EveryEngine
    void theSameInputsGiveByteIdenticalEventsOnEveryRunAndEngine(TestDatabase engine) throws Exception {
        // Each engine's run is held to the same reference run on H2.
        String a = h2Url("reference-" + engine);
        String b = engine.url("b");
        Path ra = Files.createDirectories(tmp.resolve("ra-" + engine));
        Path rb = Files.createDirectories(tmp.resolve("rb-" + engine));
        sampleDay(a, ra);
        sampleDay(b, rb);
        List<String> la = leaves(a);
        List<String> lb = leaves(b);
        assertTrue(la.size() > 4000, "the whole sample day: " + la.size());
        assertEquals(la.size(), lb.size());
        int differing = 0;
        for (int i = 0; i < la.size(); i++) {
            if (!la.get(i).equals(lb.get(i))) {
                differing++;
            }
        }
        assertEquals(0, differing, "every event's canonical bytes, hence leaf hash, is identical");
    }

    static List<String> leaves(String db) {
        List<String> out = new ArrayList<>();
        try (Database d = Database.openMigrated(db)) {
            new EventLog(d).forEach(0, Long.MAX_VALUE, (Event e) -> out.add(e.leafHashHex()));
        }
        return out;
    }

    @Test
    void benchRunsOnASmallInputAndReportsEveryMeasurement() {
        JsonNode r = json(ok(h2Url("unused"), "--json", "bench", "oracle", "--reports", "2000", "--events", "20", "--repeat", "1"));
        assertEquals(3, r.size(), "single thread, two threads, engine");
        for (JsonNode m : r) {
            assertEquals(2000, m.get("reports").asLong());
            assertEquals(20, m.get("events").asLong());
        }
    }

    @Test
    void badInputExitsFourNamesFileAndFieldAndWritesNothing() throws Exception {
        String db = h2Url("bad");
        ok(db, "oracle", "source", "add", "--id", "a", "--weight", "5000");
        Path events = tmp.resolve("events.json");
        Files.writeString(events, "[{\"id\":\"ok-1\",\"kind\":\"numeric\",\"min\":\"0\",\"max\":\"10\",\"resolves_at\":\"2026-11-27T12:00:00Z\"},"
                + "{\"id\":\"bad-1\",\"kind\":\"numeric\",\"min\":0.5,\"max\":\"10\",\"resolves_at\":\"2026-11-27T12:00:00Z\"}]");
        Run r = mbp(db, "oracle", "event", "add", "--file", events.toString());
        assertEquals(4, r.code());
        assertTrue(r.err().contains(events + " [1]: field min: must be a string"), r.err());
        assertTrue(r.err().startsWith("mbp: error: "), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace without --verbose");
        assertEquals("[ ]", ok(db, "--json", "oracle", "event", "list").out().replace("[]", "[ ]").trim());

        Files.writeString(events, "{\"id\":\"x\",\"kind\":\"categorical\",\"outcomes\":[\"yes\",\"no\"],"
                + "\"resolves_at\":\"2026-11-27T12:00:00Z\",\"sources\":[\"nobody\"]}");
        Run unknown = mbp(db, "oracle", "event", "add", "--file", events.toString());
        assertEquals(4, unknown.code());
        assertTrue(unknown.err().contains("unknown source nobody"), unknown.err());

        Path reports = tmp.resolve("r.csv");
        Files.writeString(reports, "source,event,when,value\na,x,2026-11-27T12:00:00Z,1\n");
        Run header = mbp(db, "oracle", "ingest", "--file", reports.toString());
        assertEquals(4, header.code());
        assertTrue(header.err().contains("r.csv: line 1: the header must name the columns"), header.err());

        Run noProposal = mbp(db, "oracle", "dispute", "open", "nope", "--by", "x", "--reason", "y");
        assertEquals(4, noProposal.code());
        Run usage = mbp(db, "oracle", "aggregate", "--at", "yesterday");
        assertEquals(2, usage.code());
        Path sources = tmp.resolve("s.csv");
        Files.writeString(sources, "id,name,weight_bps\nb,B,100\nc,C,lots\n");
        Run weight = mbp(db, "oracle", "source", "add", "--file", sources.toString());
        assertEquals(4, weight.code());
        assertTrue(weight.err().contains(sources + ": line 3: field weight_bps"), weight.err());
        assertEquals(2, mbp(db, "oracle", "source", "add", "--id", "z").code(), "--weight is needed without --file");
        try (Database d = Database.openMigrated(db)) {
            assertEquals(1, new EventLog(d).size(), "only the source registration was written");
        }
        assertNotEquals(0, header.err().length());
    }
}
