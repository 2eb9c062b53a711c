package io.mbp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.catalog.EventCatalog;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes one NDJSON line of {@code mbp events append} (docs/security.md): it is either a
 * {@link NewEvent} or a {@link FieldException} naming the field; any other throwable is a finding.
 */
class EventLineFuzzTest {
    private static final EventTypes TYPES = EventCatalog.standard();

    @FuzzTest(maxDuration = "1m")
    void line(byte[] input) throws Exception {
        String line = new String(input, StandardCharsets.UTF_8);
        NewEvent e;
        try {
            e = new EventLineParser(TYPES).parse(line);
        } catch (FieldException refused) {
            return;
        }
        // Canonical JSON is a fixed point: the accepted event, written back as a line, reads the same.
        ObjectNode again = JsonNodeFactory.instance.objectNode();
        again.put("type", e.type());
        again.put("stream", e.stream());
        again.put("ts", e.ts());
        again.set("payload", CanonicalJson.MAPPER.readTree(e.payload()));
        assertEquals(e, new EventLineParser(TYPES).parse(CanonicalJson.MAPPER.writeValueAsString(again)));
        assertEquals(e.payload(), CanonicalJson.canonicalize(e.payload()));
    }
}
