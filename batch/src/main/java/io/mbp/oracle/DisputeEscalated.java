package io.mbp.oracle;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.Timestamps;

/**
 * The committee now owns the answer and must give it by {@code deadline}; past it the event
 * finalizes as invalid (50/50). Happens on a second dispute, or when a re-request got no new
 * proposal in time.
 */
@EventType("DisputeEscalated")
public record DisputeEscalated(String event, String reason, String at, String deadline) implements OracleEvent {
    public DisputeEscalated {
        requireText("event", event);
        requireText("reason", reason);
        at = Timestamps.normalize("at", at);
        deadline = Timestamps.normalize("deadline", deadline);
    }
}
