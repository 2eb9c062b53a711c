package io.mbp.oracle;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.Timestamps;

/**
 * An oracle event's mode changed: {@code consensus -> fallback} after k failed rounds, or
 * {@code fallback -> consensus} after m healthy ones. Markets on that event halt or reopen on it.
 */
@EventType("FailoverRolled")
public record FailoverRolled(String event, String from, String to, String reason, String at) implements OracleEvent {
    public FailoverRolled {
        requireText("event", event);
        requireMode("from", from);
        requireMode("to", to);
        if (from.equals(to)) {
            throw new FieldException("to", "must differ from \"from\"");
        }
        requireText("reason", reason);
        at = Timestamps.normalize("at", at);
    }

    private static void requireMode(String field, String mode) {
        if (!"consensus".equals(mode) && !"fallback".equals(mode)) {
            throw new FieldException(field, "must be \"consensus\" or \"fallback\", got \"" + mode + "\"");
        }
    }
}
