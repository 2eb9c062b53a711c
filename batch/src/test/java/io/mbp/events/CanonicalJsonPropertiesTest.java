package io.mbp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class CanonicalJsonPropertiesTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Property(tries = 300)
    void canonicalFormIsAFixedPointAndIgnoresMemberOrder(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        Random r = new Random(seed);
        JsonNode doc = randomObject(r, 0);
        String canonical = CanonicalJson.canonicalize(doc);
        assertEquals(canonical, CanonicalJson.canonicalize(canonical), "canonicalize(canonicalize(x)) == canonicalize(x)");
        assertEquals(canonical, CanonicalJson.canonicalize(shuffled(doc, r)), "member order must not matter");
    }

    private static JsonNode randomObject(Random r, int depth) {
        ObjectNode o = F.objectNode();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            o.set(randomString(r), randomValue(r, depth + 1));
        }
        return o;
    }

    private static JsonNode randomValue(Random r, int depth) {
        int k = r.nextInt(depth > 3 ? 4 : 6);
        switch (k) {
            case 0:
                return F.numberNode(r.nextLong() % CanonicalJson.MAX_SAFE_INTEGER);
            case 1:
                return F.textNode(randomString(r));
            case 2:
                return F.booleanNode(r.nextBoolean());
            case 3:
                return F.nullNode();
            case 4: {
                ArrayNode a = F.arrayNode();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(randomValue(r, depth + 1));
                }
                return a;
            }
            default:
                return randomObject(r, depth);
        }
    }

    private static String randomString(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(6);
        String alphabet = "aZ0_\"\\\n\t\u0001\u001f\u007f\u00e9\u20ac\ufb33/";
        for (int i = 0; i < n; i++) {
            if (r.nextInt(10) == 0) {
                sb.appendCodePoint(0x1F600 + r.nextInt(40));
            } else {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
        }
        return sb.toString();
    }

    private static JsonNode shuffled(JsonNode node, Random r) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            node.fields().forEachRemaining(entries::add);
            Collections.shuffle(entries, r);
            ObjectNode o = F.objectNode();
            for (Map.Entry<String, JsonNode> e : entries) {
                o.set(e.getKey(), shuffled(e.getValue(), r));
            }
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = F.arrayNode();
            node.forEach(x -> a.add(shuffled(x, r)));
            return a;
        }
        return node;
    }
}
