package io.mbp.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The log's one timestamp form: UTC, ISO-8601, as {@link DateTimeFormatter#ISO_INSTANT} prints it
 * (e.g. {@code 2026-11-27T13:05:00Z}, fractions only when present). Inputs with an offset
 * ({@code -03:00}) are accepted and converted, so the same instant always hashes the same.
 *
 * <p>Instants must fall in years 2000..9999 UTC ({@link #MIN} inclusive to {@link #LIMIT}
 * exclusive): {@code java.time} parses years up to ±999999999, which print as {@code +999999999-…}
 * (not ISO-8601's four-digit form other tools read) and overflow day arithmetic downstream.
 */
public final class Timestamps {
    /** The earliest instant the log accepts. */
    public static final Instant MIN = Instant.parse("2000-01-01T00:00:00Z");
    /** The first instant past the accepted range (year 10000). */
    public static final Instant LIMIT = Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1);

    private Timestamps() {
    }

    public static Instant parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new FieldException(field, "must be an ISO-8601 UTC timestamp such as 2026-11-27T13:05:00Z");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new FieldException(field, "'" + text
                    + "' is not an ISO-8601 timestamp with a zone (expected e.g. 2026-11-27T13:05:00Z)");
        }
        if (at.isBefore(MIN) || !at.isBefore(LIMIT)) {
            throw new FieldException(field, "'" + text + "' is outside the accepted range 2000-01-01T00:00:00Z"
                    + " .. 9999-12-31T23:59:59.999999999Z (years 2000..9999 UTC)");
        }
        return at;
    }

    /** The last instant formatted and its text: the engine stamps every event of a batch with one instant. */
    private record Last(Instant at, String text) {
    }

    private static volatile Last last = new Last(MIN, DateTimeFormatter.ISO_INSTANT.format(MIN));

    public static String format(Instant instant) {
        Last l = last;
        if (l.at().equals(instant)) {
            return l.text();
        }
        String text = DateTimeFormatter.ISO_INSTANT.format(instant);
        last = new Last(instant, text);
        return text;
    }

    public static String normalize(String field, String text) {
        return format(parse(field, text));
    }
}
