package io.mbp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EventLineParserTest {
    private final EventLineParser parser = new EventLineParser(EventCatalog.standard());

    private static String line(String payload) {
        return "{\"type\":\"DepositReceived\",\"stream\":\"a\",\"ts\":\"2026-11-27T10:00:00Z\",\"payload\":" + payload + "}";
    }

    @Test
    void normalizesTimestampsToUtcAndPayloadToCanonicalForm() {
        NewEvent e = parser.parse("{\"payload\":{\"e2eid\":\"E1\", \"amount\": 10, \"account\":\"a\"},"
                + "\"ts\":\"2026-11-27T07:00:00.500-03:00\",\"stream\":\"a\",\"type\":\"DepositReceived\"}");
        assertEquals("2026-11-27T10:00:00.500Z", e.ts());
        assertEquals("{\"account\":\"a\",\"amount\":10,\"e2eid\":\"E1\"}", e.payload());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"account\":\"a\",\"amount\":1.5,\"e2eid\":\"E\"}|payload.amount|floating-point",
        "{\"account\":\"a\",\"e2eid\":\"E\"}|payload.amount|missing",
        "{\"account\":\"a\",\"amount\":5,\"e2eid\":\"E\",\"extra\":1}|payload.extra|unknown field",
        "{\"account\":\"a\",\"amount\":\"5\",\"e2eid\":\"E\"}|payload.amount|must be an integer",
        "{\"account\":\"a\",\"amount\":0,\"e2eid\":\"E\"}|payload.amount|positive",
        "{\"account\":7,\"amount\":5,\"e2eid\":\"E\"}|payload.account|must be a string",
        "[1,2]|payload|JSON object",
    })
    void refusesBadPayloadsNamingTheField(String payload, String field, String words) {
        FieldException e = assertThrows(FieldException.class, () -> parser.parse(line(payload)));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void refusesBadEnvelopes() {
        assertEquals("type", assertThrows(FieldException.class, () -> parser.parse(
                "{\"type\":\"Nope\",\"stream\":\"a\",\"ts\":\"2026-11-27T10:00:00Z\",\"payload\":{}}")).field());
        assertEquals("stream", assertThrows(FieldException.class, () -> parser.parse(
                "{\"type\":\"DepositReceived\",\"ts\":\"2026-11-27T10:00:00Z\",\"payload\":{}}")).field());
        assertEquals("ts", assertThrows(FieldException.class, () -> parser.parse(
                "{\"type\":\"DepositReceived\",\"stream\":\"a\",\"ts\":\"2026-11-27 10:00\",\"payload\":{}}")).field());
        assertEquals("seq", assertThrows(FieldException.class, () -> parser.parse(
                "{\"seq\":4,\"type\":\"DepositReceived\",\"stream\":\"a\",\"ts\":\"2026-11-27T10:00:00Z\",\"payload\":{}}")).field());
        assertEquals("", assertThrows(FieldException.class, () -> parser.parse("{\"type\":")).field());
    }
}
