package io.mbp.events;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.catalog.EventCatalog;
import io.mbp.error.BadInputException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes a whole NDJSON file of {@code mbp events append} (docs/security.md): it either yields
 * events or a {@link BadInputException} naming the line (exit 4); any other throwable is a finding.
 */
class EventFileFuzzTest {
    private static final EventTypes TYPES = EventCatalog.standard();

    /** As `events append` reads it: strict UTF-8 (a decoder that reports), line by line. */
    @FuzzTest(maxDuration = "1m")
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
