package io.mbp.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The log's one timestamp form: UTC, ISO-8601, as {@link DateTimeFormatter#ISO_INSTANT} prints it
 * (e.g. {@code 2026-11-27T13:05:00Z}, fractions only when present). Inputs with an offset
 * ({@code -03:00}) are accepted and converted, so the same instant always hashes the same.
 */
public final class Timestamps {
    private Timestamps() {
    }

    public static Instant parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new FieldException(field, "must be an ISO-8601 UTC timestamp such as 2026-11-27T13:05:00Z");
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new FieldException(field, "'" + text
                    + "' is not an ISO-8601 timestamp with a zone (expected e.g. 2026-11-27T13:05:00Z)");
        }
    }

    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    public static String normalize(String field, String text) {
        return format(parse(field, text));
    }
}
