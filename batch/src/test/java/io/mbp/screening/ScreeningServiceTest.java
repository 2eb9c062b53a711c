package io.mbp.screening;

import static io.mbp.sql.schema.Tables.EVENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.error.BadInputException;
import io.mbp.sql.Database;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import, delta, freshness and audited checks on a real H2 file, with the committed samples. */
class ScreeningServiceTest {
    static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    static final ScreeningService.NameRefs REFS = (dsl, n) -> "ref-" + Integer.toHexString(n.hashCode());

    @TempDir
    Path tmp;
    Database db;

    @BeforeEach
    void open() {
        db = Database.openMigrated("jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath());
    }

    @AfterEach
    void close() {
        db.close();
    }

    ScreeningService at(Instant t) {
        return new ScreeningService(db, Clock.fixed(t, ZoneOffset.UTC));
    }

    Imported importFtm(ScreeningService s, Path file) {
        return s.importList("peps", ScreeningService.parse(ListFormat.FTM, file, ScreeningService.LIST_LIMITS));
    }

    List<String> types() {
        return db.read(dsl -> dsl.select(EVENTS.TYPE).from(EVENTS).orderBy(EVENTS.SEQ).fetch(EVENTS.TYPE));
    }

    List<JsonNode> payloads(String type) {
        ObjectMapper m = new ObjectMapper();
        return db.read(dsl -> dsl.select(EVENTS.PAYLOAD).from(EVENTS).where(EVENTS.TYPE.eq(type)).orderBy(EVENTS.SEQ)
                .fetch(EVENTS.PAYLOAD)).stream().map(p -> {
                    try {
                        return m.readTree(p);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }).toList();
    }

    @Test
    void aSecondVersionLogsItsDeltaAndAnUnchangedFileLogsNothing() throws IOException {
        Path v1 = ListParsersTest.SAMPLES.resolve("ftm/entities.ftm.json");
        Imported first = importFtm(at(T0), v1);
        assertEquals(1, first.version());
        assertEquals(List.of("mbp-org-0004", "mbp-pep-0001", "mbp-pep-0002", "mbp-san-0003"), first.delta().added());
        assertEquals(List.of("ScreeningListImported", "ScreeningListDelta"), types());

        // v2: one removed (0002), one changed (0001 gets an alias), one added (0005)
        List<String> lines = new ArrayList<>(Files.readAllLines(v1));
        lines.removeIf(l -> l.contains("mbp-pep-0002"));
        lines.replaceAll(l -> l.replace("\"alias\":[\"Renata Q. Abranches\"]", "\"alias\":[\"Renata Q. Abranches\",\"R. Abranches\"]"));
        lines.add("{\"id\":\"mbp-pep-0005\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Tomas Ferraz Quintela\"],\"topics\":[\"role.pep\"]}}");
        Path v2 = Files.write(tmp.resolve("v2.json"), lines);
        Imported second = importFtm(at(T0.plusSeconds(3600)), v2);
        assertEquals(2, second.version());
        assertEquals(List.of("mbp-pep-0005"), second.delta().added());
        assertEquals(List.of("mbp-pep-0002"), second.delta().removed());
        assertEquals(List.of("mbp-pep-0001"), second.delta().changed());
        JsonNode d = payloads("ScreeningListDelta").get(1);
        assertEquals(1, d.get("previous_version").asInt());
        assertEquals("mbp-pep-0002", d.get("removed").get(0).asText());
        JsonNode imported = payloads("ScreeningListImported").get(1);
        assertEquals(4, imported.get("entity_count").asInt());
        assertEquals(second.fileHash(), imported.get("file_hash").asText());

        long before = types().size();
        Imported again = importFtm(at(T0.plusSeconds(7200)), v2);
        assertTrue(again.unchanged());
        assertEquals(2, again.version());
        assertEquals(before, types().size());
    }

    @Test
    void aMalformedFileLeavesThePreviousVersionUntouched() throws IOException {
        ScreeningService s = at(T0);
        importFtm(s, ListParsersTest.SAMPLES.resolve("ftm/entities.ftm.json"));
        long events = types().size();
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"id\":\"x\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]}}\n{broken\n");
        assertThrows(BadInputException.class, () -> importFtm(s, bad));
        assertEquals(events, types().size());
        assertEquals(1, s.status(Duration.ofHours(1)).get(0).version());
        assertEquals(4, at(T0).screener().index().entityCount());
    }

    @Test
    void statusTurnsStaleAfterTheMaximumAge() {
        importFtm(at(T0), ListParsersTest.SAMPLES.resolve("ftm/entities.ftm.json"));
        ListStatus fresh = at(T0.plusSeconds(3599)).status(ScreeningService.DEFAULT_MAX_AGE).get(0);
        assertFalse(fresh.stale());
        ListStatus old = at(T0.plusSeconds(3601)).status(ScreeningService.DEFAULT_MAX_AGE).get(0);
        assertTrue(old.stale());
        assertEquals(3601, old.ageSeconds());
    }

    @Test
    void theDropFolderImportsTheNewestFilePerList() throws IOException {
        Path drop = tmp.resolve("drop");
        Path un = Files.createDirectories(drop.resolve("un"));
        Path older = Files.copy(ListParsersTest.SAMPLES.resolve("un/consolidated.xml"), un.resolve("a.xml"));
        Files.setLastModifiedTime(older, java.nio.file.attribute.FileTime.from(T0.minusSeconds(60)));
        Files.writeString(un.resolve("b.xml"), Files.readString(older).replace("SVETLANA", "SVETLANNA"));
        Files.writeString(un.resolve("c.xml.part"), "<half");
        Path ofac = Files.createDirectories(drop.resolve("ofac").resolve("2026-11-27"));
        for (String f : List.of("sdn.csv", "alt.csv", "add.csv")) {
            Files.copy(ListParsersTest.SAMPLES.resolve("ofac").resolve(f), ofac.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        List<Imported> done = at(T0).update(drop, ScreeningService.LIST_LIMITS);
        assertEquals(List.of("ofac", "un"), done.stream().map(Imported::list).toList());
        assertEquals("b.xml", done.get(1).source());
        assertEquals(List.of(true, true), at(T0).update(drop, ScreeningService.LIST_LIMITS).stream().map(Imported::unchanged).toList());
    }

    @Test
    void checkFindsTheListedCustomerAndLogsTheQueryWithoutTheName() {
        ScreeningService s = at(T0);
        s.importList("ofac", ScreeningService.parse(ListFormat.OFAC_CSV, ListParsersTest.SAMPLES.resolve("ofac"),
                ScreeningService.LIST_LIMITS));
        Query q = new Query("João Teixeira Ribeiro", LocalDate.parse("1971-02-26"), "BR", List.of(), EntityType.PERSON, "alice");
        ScreeningResult r = s.check(q, Screener.DEFAULT_THRESHOLD, REFS);
        assertEquals(1, r.hits().size());
        Hit h = r.hits().get(0);
        assertEquals("36001", h.entityId());
        assertTrue(h.reasons().contains("birth date matches (+0.05)"), h.reasons().toString());
        JsonNode logged = payloads("ScreeningQueried").get(0);
        assertEquals("alice", logged.get("actor").asText());
        assertEquals("ofac@1", logged.get("list_versions").get(0).asText());
        assertEquals("ofac/36001 " + h.score().toPlainString(), logged.get("hits").get(0).asText());
        String all = db.read(dsl -> String.join("\n", dsl.select(EVENTS.PAYLOAD).from(EVENTS).fetch(EVENTS.PAYLOAD)));
        assertFalse(all.toLowerCase().contains("joao"), all);

        // a different birth year moves the same name below the threshold
        Query other = new Query("João Teixeira Ribeiro", LocalDate.parse("1990-02-26"), "BR", List.of(), EntityType.PERSON, "alice");
        assertTrue(s.check(other, Screener.DEFAULT_THRESHOLD, REFS).hits().isEmpty());
        assertThrows(BadInputException.class, () -> s.check(q, new BigDecimal("1.5"), REFS));
    }

    @Test
    void ofTheSampleDaysCustomersExactlyTheListedOneIsHit() throws IOException {
        ScreeningService s = at(T0);
        s.importList("ofac", ScreeningService.parse(ListFormat.OFAC_CSV, ListParsersTest.SAMPLES.resolve("ofac"),
                ScreeningService.LIST_LIMITS));
        s.importList("un", ScreeningService.parse(ListFormat.UN_XML, ListParsersTest.SAMPLES.resolve("un/consolidated.xml"),
                ScreeningService.LIST_LIMITS));
        importFtm(s, ListParsersTest.SAMPLES.resolve("ftm/entities.ftm.json"));
        ObjectMapper m = new ObjectMapper();
        List<String> hit = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("..", "samples", "customers", "2026-11-27.ndjson"))) {
            JsonNode c = m.readTree(line);
            Query q = new Query(c.get("full_name").asText(), LocalDate.parse(c.get("birth_date").asText()), "BR", List.of(),
                    EntityType.PERSON, "test");
            if (s.screener().screen(q, Screener.DEFAULT_THRESHOLD).hit()) {
                hit.add(c.get("account").asText());
            }
        }
        assertEquals(List.of("acct-0002"), hit);
    }
}
