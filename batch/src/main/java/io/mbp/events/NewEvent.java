package io.mbp.events;

import java.time.Instant;

/**
 * An event about to be appended: everything but its seq. {@code payload} is already the
 * RFC 8785 canonical text of the payload record, so hashing it later needs no re-encoding.
 */
public record NewEvent(String type, String stream, String ts, String payload) {

    public NewEvent {
        FieldException.requireText("type", type);
        FieldException.requireText("stream", stream);
        if (stream.length() > 256) {
            throw new FieldException("stream", "is longer than 256 characters");
        }
        FieldException.requireText("ts", ts);
        FieldException.requireText("payload", payload);
    }

    /** Builds the event for a typed payload (what engines do). */
    public static NewEvent of(EventTypes types, String stream, Instant ts, EventPayload payload) {
        return new NewEvent(types.nameOf(payload), stream, Timestamps.format(ts), types.encode(payload));
    }
}
