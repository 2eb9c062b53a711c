package io.mbp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.catalog.EventCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The stored-payload decode binds the text straight to the record (ADR 0142); the tree decode it
 * replaced is the reference. For every sample event, and for each of its fields removed, set to null,
 * set to a value of another type, and with an unknown field added, both give the same record or the
 * same error in the same words.
 */
class EventTypesDirectDecodeTest {
    private static final EventTypes TYPES = EventCatalog.standard();

    /** A family whose record checks nothing itself: a required field left null is caught by the decode alone. */
    sealed interface Probes extends EventPayload permits Probe {
    }

    @EventType("Probe")
    record Probe(String name, long count, List<String> tags, @OptionalField String note) implements Probes {
    }

    private static final EventTypes PROBES = EventTypes.of(Probes.class);

    private static List<String[]> samples() throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String f : List.of("samples/events/2026-11-27.ndjson", "samples/events/2026-11-27-cash.ndjson",
                "samples/aml/2026-11-27-suspicious.ndjson")) {
            Path p = Path.of("..").resolve(f);
            for (String line : Files.readAllLines(p)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode e = CanonicalJson.MAPPER.readTree(line);
                out.add(new String[] {e.get("type").asText(), CanonicalJson.canonicalize(e.get("payload"))});
            }
        }
        return out;
    }

    /** The outcome of a decode as comparable text: the record, or the error's class, field and words. */
    private static String outcome(java.util.function.Supplier<EventPayload> decode) {
        try {
            EventPayload p = decode.get();
            return "ok " + p.getClass().getName() + " " + p;
        } catch (FieldException e) {
            return "field " + e.field() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static void same(String type, String payload) {
        same(TYPES, type, payload);
    }

    private static void same(EventTypes types, String type, String payload) {
        assertEquals(outcome(() -> types.decodeViaTree(type, payload)), outcome(() -> types.decode(type, payload)),
                type + " " + payload);
    }

    @Test
    void aRequiredFieldAbsentOrNullIsRefusedAsBeforeEvenWhereTheRecordChecksNothing() {
        String full = "{\"count\":3,\"name\":\"a\",\"note\":\"n\",\"tags\":[\"x\"]}";
        assertEquals("ok " + Probe.class.getName() + " " + new Probe("a", 3, List.of("x"), "n"), outcome(() -> PROBES.decode("Probe", full)));
        assertEquals("ok " + Probe.class.getName() + " " + new Probe("a", 3, List.of("x"), null),
                outcome(() -> PROBES.decode("Probe", "{\"count\":3,\"name\":\"a\",\"tags\":[\"x\"]}")));
        assertEquals("field name: missing (required by Probe)", outcome(() -> PROBES.decode("Probe", "{\"count\":3,\"tags\":[]}")));
        assertEquals("field tags: missing (required by Probe)",
                outcome(() -> PROBES.decode("Probe", "{\"count\":3,\"name\":\"a\",\"tags\":null}")));
        for (String payload : List.of(full, "{\"count\":3,\"name\":null,\"tags\":[]}", "{\"name\":\"a\",\"tags\":[]}",
                "{\"count\":null,\"name\":\"a\",\"tags\":[]}", "{\"count\":3,\"name\":\"a\",\"note\":null,\"tags\":[]}",
                "{\"count\":\"3\",\"name\":\"a\",\"tags\":[]}", "{\"count\":3,\"name\":\"a\",\"tags\":[],\"x\":1}")) {
            same(PROBES, "Probe", payload);
        }
    }

    @Test
    void everySampleEventDecodesToTheSameRecordAsThroughTheTree() throws IOException {
        Set<String> types = new TreeSet<>();
        for (String[] s : samples()) {
            assertTrue(outcome(() -> TYPES.decode(s[0], s[1])).startsWith("ok "), s[0] + " " + s[1]);
            same(s[0], s[1]);
            types.add(s[0]);
        }
        assertTrue(types.size() >= 5, "the samples cover " + types);
    }

    @Test
    void everyAlteredFieldGivesTheSameRecordOrTheSameErrorAsThroughTheTree() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (String[] s : samples()) {
            if (!seen.add(s[0])) {
                continue; // one event per type: the alterations are per field
            }
            ObjectNode base = (ObjectNode) CanonicalJson.MAPPER.readTree(s[1]);
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = base.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            for (String name : names) {
                ObjectNode removed = base.deepCopy();
                removed.remove(name);
                same(s[0], removed.toString());
                ObjectNode nulled = base.deepCopy();
                nulled.putNull(name);
                same(s[0], nulled.toString());
                ObjectNode retyped = base.deepCopy();
                if (base.get(name).isTextual()) {
                    retyped.put(name, 7);
                } else {
                    retyped.put(name, "7");
                }
                same(s[0], retyped.toString());
            }
            ObjectNode extra = base.deepCopy();
            extra.put("not_a_field", 1);
            same(s[0], extra.toString());
            same(s[0], "[" + s[1] + "]");
            same(s[0], "null");
            same(s[0], s[1] + " {}");
            same(s[0], s[1].substring(0, s[1].length() - 1));
        }
        same("NoSuchType", "{}");
    }

    /** A JSON value of the Java type: strings, integers, booleans, lists, maps, enums and nested records. */
    static JsonNode sample(java.lang.reflect.Type t, int depth) {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        if (t instanceof java.lang.reflect.ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            if (java.util.Map.class.isAssignableFrom(raw)) {
                ObjectNode o = f.objectNode();
                o.set("k", sample(pt.getActualTypeArguments()[1], depth + 1));
                return o;
            }
            var a = f.arrayNode();
            a.add(sample(pt.getActualTypeArguments()[0], depth + 1));
            return a;
        }
        Class<?> c = (Class<?>) t;
        if (c == String.class) {
            return f.textNode("s1");
        }
        if (c == long.class || c == Long.class || c == int.class || c == Integer.class) {
            return f.numberNode(1);
        }
        if (c == boolean.class || c == Boolean.class) {
            return f.booleanNode(true);
        }
        if (c.isEnum()) {
            return CanonicalJson.MAPPER.valueToTree(c.getEnumConstants()[0]);
        }
        if (c.isRecord() && depth < 4) {
            ObjectNode o = f.objectNode();
            for (var rc : c.getRecordComponents()) {
                String json = ((com.fasterxml.jackson.databind.PropertyNamingStrategies.NamingBase)
                        com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE).translate(rc.getName());
                o.set(json, sample(rc.getGenericType(), depth + 1));
            }
            return o;
        }
        return f.textNode("s1");
    }

    @Test
    void everyRegisteredTypeGivesTheSameOutcomeAsThroughTheTree() {
        int bound = 0;
        for (String type : TYPES.names()) {
            ObjectNode full = (ObjectNode) sample(TYPES.recordOf(type), 0);
            same(type, CanonicalJson.canonicalize(full));
            bound += outcome(() -> TYPES.decode(type, CanonicalJson.canonicalize(full))).startsWith("ok ") ? 1 : 0;
            for (Iterator<String> it = full.deepCopy().fieldNames(); it.hasNext(); ) {
                String name = it.next();
                ObjectNode removed = full.deepCopy();
                removed.remove(name);
                same(type, removed.toString());
                ObjectNode nulled = full.deepCopy();
                nulled.putNull(name);
                same(type, nulled.toString());
            }
        }
        assertTrue(bound >= 40, bound + " of " + TYPES.names().size() + " types bound a made-up payload");
    }
}
