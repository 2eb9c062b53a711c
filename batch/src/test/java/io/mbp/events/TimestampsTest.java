package io.mbp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
        "1999-12-31T23:59:59.999Z", "0000-01-01T00:00:00Z", "2000-01-01T00:59:59+01:00"})
    void refusesInstantsOutsideYears2000To9999(String text) {
        FieldException e = assertThrows(FieldException.class, () -> Timestamps.parse("ts", text));
        assertEquals("ts", e.field());
        assertTrue(e.getMessage().contains("outside the accepted range"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2026-11-27T07:00:00-03:00",
        "9999-12-31T20:59:59-03:00"})
    void acceptsTheEdgesOfTheRange(String text) {
        String normal = Timestamps.normalize("ts", text);
        assertEquals(normal, Timestamps.normalize("ts", normal), "a normalized timestamp parses back to itself");
        assertTrue(normal.matches("\\d{4}-.*Z"), normal);
    }

    @Test
    void anEventLineWithAFarFutureTimestampNamesTheTsField() {
        EventLineParser p = new EventLineParser(EventCatalog.standard());
        FieldException e = assertThrows(FieldException.class, () -> p.parse("{\"type\":\"DepositReceived\",\"stream\":\"a\","
                + "\"ts\":\"+999999999-12-31T23:59:59Z\",\"payload\":{\"account\":\"a\",\"amount\":5,\"e2eid\":\"E\"}}"));
        assertEquals("ts", e.field());
    }
}
