package io.mbp.oracle;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.OptionalField;
import io.mbp.events.Timestamps;

/**
 * A consensus round at or after the resolution time proposed an answer. It finalizes at
 * {@code liveness_ends_at} unless disputed before then. {@code attempt} is 1, or 2 after a re-request.
 */
@EventType("OutcomeProposed")
public record OutcomeProposed(String event, String kind, @OptionalField String value, @OptionalField String outcome,
                              String roundAt, long attempt, String livenessEndsAt) implements OracleEvent {
    public OutcomeProposed {
        requireText("event", event);
        Kind.parse("kind", kind);
        roundAt = Timestamps.normalize("round_at", roundAt);
        requirePositive("attempt", attempt);
        livenessEndsAt = Timestamps.normalize("liveness_ends_at", livenessEndsAt);
    }
}
