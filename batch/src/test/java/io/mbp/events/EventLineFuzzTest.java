package io.mbp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.catalog.EventCatalog;
import io.mbp.error.BadInputException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the NDJSON input of {@code mbp events append} (docs/security.md). The contract: a line is
 * either a {@link NewEvent} or a {@link FieldException}; a file either yields events or a
 * {@link BadInputException} (exit 4). Any other throwable is a finding.
 */
class EventLineFuzzTest {
    private static final EventTypes TYPES = EventCatalog.standard();

    @FuzzTest(maxDuration = "10s")
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

    /** The whole file as `events append` reads it: strict UTF-8, line by line. */
    @FuzzTest(maxDuration = "10s")
    void file(byte[] input) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(input),
                StandardCharsets.UTF_8.newDecoder()));
        EventFileReader events = new EventFileReader(reader, "fuzz.ndjson", TYPES);
        try {
            while (events.hasNext()) {
                events.next();
            }
        } catch (BadInputException refused) {
            // exit 4, naming the line
        }
    }
}
