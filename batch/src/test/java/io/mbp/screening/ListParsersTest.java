package io.mbp.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each list format on its committed sample (samples/screening), and malformed files refused with the line or element named. */
class ListParsersTest {
    static final Path SAMPLES = Path.of("..", "samples", "screening");
    static final InputLimits LIMITS = ScreeningService.LIST_LIMITS;

    @TempDir
    Path tmp;

    static List<ListEntity> sampleOfac() {
        return OfacCsvParser.parse(SAMPLES.resolve("ofac"), LIMITS).entities();
    }

    static Map<String, ListEntity> byId(ParsedList l) {
        return l.entities().stream().collect(Collectors.toMap(ListEntity::entityId, Function.identity()));
    }

    @Test
    void ofacCsvSetJoinsAliasesAddressesAndRemarks() {
        ParsedList l = OfacCsvParser.parse(SAMPLES.resolve("ofac"), LIMITS);
        assertEquals(5, l.entities().size());
        assertEquals(64, l.fileHash().length());
        ListEntity joao = byId(l).get("36001");
        assertEquals(EntityType.PERSON, joao.type());
        assertEquals("TEIXEIRA RIBEIRO, Joao", joao.name());
        assertEquals(List.of("RIBEIRO, Joao T."), joao.aliases());
        assertEquals(List.of("1971-02-26"), joao.birthDates());
        assertEquals(List.of("br"), joao.countries());
        assertEquals(List.of("FX123456"), joao.documents());
        ListEntity viktor = byId(l).get("36002");
        assertEquals(List.of("1964-09-03", "1965"), viktor.birthDates());
        assertEquals(List.of("ru"), viktor.countries());
        assertEquals(2, viktor.aliases().size());
        assertEquals(EntityType.ORGANIZATION, byId(l).get("36003").type());
        assertEquals(EntityType.VESSEL, byId(l).get("36004").type());
        assertEquals(List.of("1970"), byId(l).get("36005").birthDates());
    }

    @Test
    void unXmlReadsIndividualsAndEntities() {
        ParsedList l = UnXmlParser.parse(SAMPLES.resolve("un/consolidated.xml"), LIMITS);
        assertEquals(3, l.entities().size());
        ListEntity karim = byId(l).get("9900001");
        assertEquals("KARIM HUSSEIN MAHMOUD", karim.name());
        assertTrue(karim.aliases().contains("Karim Husayn Mahmud"));
        assertTrue(karim.aliases().contains("كريم حسين محمود"));
        assertEquals(List.of("1975-06-30"), karim.birthDates());
        assertEquals(List.of("iq"), karim.countries());
        assertEquals(List.of("A9900001"), karim.documents());
        assertEquals(List.of("1968"), byId(l).get("9900002").birthDates());
        assertEquals(List.of("ru"), byId(l).get("9900002").countries());
        ListEntity ship = byId(l).get("9900101");
        assertEquals(EntityType.ORGANIZATION, ship.type());
        assertEquals(List.of("kp"), ship.countries());
    }

    @Test
    void ftmKeepsPartiesAndTopicsAndSkipsOtherSchemas() {
        ParsedList l = FtmParser.parse(SAMPLES.resolve("ftm/entities.ftm.json"), LIMITS);
        assertEquals(4, l.entities().size());
        ListEntity renata = byId(l).get("mbp-pep-0001");
        assertEquals(List.of("role.pep"), renata.topics());
        assertEquals(List.of("Renata Q. Abranches"), renata.aliases());
        assertEquals(List.of("br"), renata.countries());
        assertEquals(List.of("750011223"), byId(l).get("mbp-san-0003").documents());
        assertEquals(EntityType.ORGANIZATION, byId(l).get("mbp-org-0004").type());
    }

    @Test
    void theHashIsTheFilesSha256() throws Exception {
        Path f = SAMPLES.resolve("un/consolidated.xml");
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        assertEquals(expected, UnXmlParser.parse(f, LIMITS).fileHash());
    }

    BadInputException refused(Runnable r) {
        return assertThrows(BadInputException.class, r::run);
    }

    Path ofacWith(String sdn) throws IOException {
        Path d = Files.createDirectories(tmp.resolve("ofac-" + System.nanoTime()));
        Files.writeString(d.resolve("sdn.csv"), sdn);
        Files.writeString(d.resolve("alt.csv"), "");
        Files.writeString(d.resolve("add.csv"), "");
        return d;
    }

    @Test
    void malformedOfacRowsAreNamedByFileAndLine() throws IOException {
        String good = "1,\"A, B\",\"individual\",\"X\",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n";
        assertEquals("sdn.csv: line 2: 3 fields, expected 12; nothing was written",
                refused(() -> OfacCsvParser.parse(unchecked(() -> ofacWith(good + "2,\"C\",x\n")), LIMITS)).getMessage());
        assertTrue(refused(() -> OfacCsvParser.parse(unchecked(() -> ofacWith(good + "x" + good.substring(1))), LIMITS))
                .getMessage().startsWith("sdn.csv: line 2: ent_num must be a number"));
        String broken = refused(() -> OfacCsvParser.parse(unchecked(() -> ofacWith(good + "3,\"unterminated\n")), LIMITS)).getMessage();
        assertTrue(broken.startsWith("sdn.csv: line 2: not readable as CSV"), broken);
        Path d = unchecked(() -> ofacWith(good));
        Files.writeString(d.resolve("alt.csv"), "9,1,\"aka\",\"Z\",-0-\n");
        assertEquals("alt.csv: line 1: ent_num 9 is not in sdn.csv; nothing was written",
                refused(() -> OfacCsvParser.parse(d, LIMITS)).getMessage());
        Files.writeString(d.resolve("alt.csv"), "");
        Files.delete(d.resolve("add.csv"));
        assertTrue(refused(() -> OfacCsvParser.parse(d, LIMITS)).getMessage().contains("needs add.csv"));
    }

    @Test
    void malformedUnXmlIsNamedByLineAndElement() throws IOException {
        Path f = tmp.resolve("un.xml");
        Files.writeString(f, "<CONSOLIDATED_LIST><INDIVIDUALS>\n<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>A</FIRST_NAME>\n</INDIVIDUALS>");
        assertTrue(refused(() -> UnXmlParser.parse(f, LIMITS)).getMessage().startsWith("un.xml: line 3, column"));
        Files.writeString(f, "<CONSOLIDATED_LIST><INDIVIDUALS>\n\n<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>");
        assertEquals("un.xml: line 3: element INDIVIDUAL has no DATAID; nothing was written",
                refused(() -> UnXmlParser.parse(f, LIMITS)).getMessage());
        Files.writeString(f, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CONSOLIDATED_LIST>&e;</CONSOLIDATED_LIST>");
        refused(() -> UnXmlParser.parse(f, LIMITS));
    }

    @Test
    void malformedFtmLinesAreNamed() throws IOException {
        Path f = tmp.resolve("e.json");
        String ok = "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A B\"]}}\n";
        Files.writeString(f, ok + "{\"id\":\"p2\",\"schema\":\"Person\",\n");
        assertTrue(refused(() -> FtmParser.parse(f, LIMITS)).getMessage().startsWith("e.json: line 2: not a JSON object"));
        Files.writeString(f, ok + "{\"id\":\"p2\",\"schema\":\"Person\",\"properties\":{\"name\":\"A B\"}}\n");
        assertEquals("e.json: line 2: properties.name must be an array of strings; nothing was written",
                refused(() -> FtmParser.parse(f, LIMITS)).getMessage());
        Files.writeString(f, ok + ok);
        assertEquals("e.json: line 2: id p1 appears twice; nothing was written", refused(() -> FtmParser.parse(f, LIMITS)).getMessage());
        Files.write(f, ("{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Jo\u00e3o\"]}}\n").getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(refused(() -> FtmParser.parse(f, LIMITS)).getMessage().contains("line 1"));
        Files.writeString(f, ok);
        assertTrue(refused(() -> FtmParser.parse(f, new InputLimits(10, 10, 10))).getMessage().contains("larger than the limit"));
    }

    interface IoSupplier<T> {
        T get() throws IOException;
    }

    static <T> T unchecked(IoSupplier<T> s) {
        try {
            return s.get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
