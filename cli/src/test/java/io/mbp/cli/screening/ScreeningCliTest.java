package io.mbp.cli.screening;

import io.mbp.cli.testing.Cli;
import io.mbp.cli.testing.Cli.Run;
import static io.mbp.sql.schema.Tables.EVENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.CliClock;
import io.mbp.cli.custody.Secrets;
import io.mbp.sql.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mbp screening through the CLI on a real H2 file with the committed samples and the sample day's customers. */
class ScreeningCliTest {
    static final Path SAMPLES = Path.of("..", "samples", "screening");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    String db;
    final Map<String, String> env = new HashMap<>();

    Run mbp(String... args) {
        return Cli.mbpOn(db, args);
    }

    static Run ok(Run r) {
        assertEquals(0, r.code(), () -> "stdout: " + r.out() + "\nstderr: " + r.err());
        return r;
    }

    @BeforeEach
    void setUp() {
        db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        env.put("MBP_VAULT_PASSPHRASE", "screening test passphrase");
        env.put("MBP_KEK_FILE", tmp.resolve("keys/vault-kek.json").toString());
        env.put("MBP_OPERATOR", "alice");
        Secrets.useEnvironment(env::get);
        CliClock.useClock(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC));
        ok(mbp("privacy", "kek", "init"));
    }

    @AfterEach
    void reset() {
        Secrets.useEnvironment(null);
        CliClock.useClock(null);
    }

    void importSamples() {
        ok(mbp("screening", "lists", "import", "--list", "ofac", "--format", "ofac-csv", "--dir", SAMPLES.resolve("ofac").toString()));
        ok(mbp("screening", "lists", "import", "--list", "un", "--format", "un-xml", "--file",
                SAMPLES.resolve("un/consolidated.xml").toString()));
        ok(mbp("screening", "lists", "import", "--list", "opensanctions", "--format", "ftm", "--file",
                SAMPLES.resolve("ftm/entities.ftm.json").toString()));
    }

    List<String> types() {
        try (Database d = Database.openMigrated(db)) {
            return d.read(dsl -> dsl.select(EVENTS.TYPE).from(EVENTS).orderBy(EVENTS.SEQ).fetch(EVENTS.TYPE));
        }
    }

    @Test
    void importThenCheckAsJson() throws Exception {
        importSamples();
        Run r = ok(mbp("--json", "screening", "check", "--name", "JOAO RIBEIRO TEIXEIRA", "--birth-date", "1971-02-26",
                "--country", "BR", "--as", "bob"));
        JsonNode j = JSON.readTree(r.out());
        assertEquals(List.of("threshold", "list_versions", "hits"), iterator(j.fieldNames()));
        assertEquals("0.88", j.get("threshold").asText());
        assertEquals(1, j.get("list_versions").get("ofac").asInt());
        JsonNode hit = j.get("hits").get(0);
        assertEquals(List.of("list", "entity_id", "name", "matched_alias", "score", "reasons"), iterator(hit.fieldNames()));
        assertEquals("ofac", hit.get("list").asText());
        assertEquals("36001", hit.get("entity_id").asText());
        assertTrue(hit.has("matched_alias"));
        assertTrue(hit.get("score").asDouble() >= 0.88);
        assertTrue(hit.get("reasons").toString().contains("birth date matches"));
        assertEquals("ScreeningQueried", types().get(types().size() - 1));
        try (Database d = Database.openMigrated(db)) {
            String payload = d.read(dsl -> dsl.select(EVENTS.PAYLOAD).from(EVENTS).where(EVENTS.TYPE.eq("ScreeningQueried"))
                    .fetchOne(EVENTS.PAYLOAD));
            JsonNode p = JSON.readTree(payload);
            assertEquals("bob", p.get("actor").asText());
            assertTrue(p.get("name_ref").asText().startsWith("screening_name-"), payload);
            assertFalse(payload.toLowerCase().contains("ribeiro"), payload);
        }
    }

    @Test
    void aMalformedListExitsFourAndKeepsThePreviousVersion() throws Exception {
        importSamples();
        long before = types().size();
        Path bad = Files.writeString(tmp.resolve("un.xml"), "<CONSOLIDATED_LIST><INDIVIDUALS>\n<INDIVIDUAL><DATAID>1</DATAID>\n");
        Run r = mbp("screening", "lists", "import", "--list", "un", "--format", "un-xml", "--file", bad.toString());
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains("un.xml: line"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals(before, types().size());
        JsonNode status = JSON.readTree(ok(mbp("--json", "screening", "lists", "status")).out());
        assertEquals(3, status.size());
        for (JsonNode s : status) {
            assertEquals(1, s.get("version").asInt());
        }
        assertEquals(2, mbp("screening", "lists", "import", "--list", "un", "--format", "un-xml", "--dir", "x").code());
    }

    @Test
    void statusWarnsWhenAListIsStale() throws Exception {
        importSamples();
        JsonNode fresh = JSON.readTree(ok(mbp("--json", "screening", "lists", "status")).out());
        assertFalse(fresh.get(0).get("stale").asBoolean());
        CliClock.useClock(Clock.fixed(Instant.parse("2026-11-27T13:00:01Z"), ZoneOffset.UTC));
        Run r = ok(mbp("--json", "screening", "lists", "status"));
        assertTrue(JSON.readTree(r.out()).get(0).get("stale").asBoolean());
        assertTrue(r.err().contains("warning: screening list"), r.err());
    }

    @Test
    void updateImportsTheDropFolderOnceThenIsQuiet() throws Exception {
        Path drop = tmp.resolve("drop");
        Files.createDirectories(drop.resolve("opensanctions"));
        Files.copy(SAMPLES.resolve("ftm/entities.ftm.json"), drop.resolve("opensanctions/2026-11-27T12.json"));
        env.put("MBP_SCREENING_DROP", drop.toString());
        Run first = ok(mbp("screening", "lists", "update"));
        assertTrue(first.out().contains("list opensanctions: version 1"), first.out());
        Run second = ok(mbp("screening", "lists", "update"));
        assertTrue(second.out().contains("unchanged"), second.out());
    }

    static List<String> iterator(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
