package io.mbp.oracle;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.OptionalField;
import io.mbp.events.Timestamps;

/**
 * A proposal was disputed within its liveness window. Dispute {@code round} 1 discards the
 * proposal and re-requests one, due by {@code repropose_by}; round 2 escalates to the committee
 * (a {@link DisputeEscalated} follows).
 */
@EventType("DisputeOpened")
public record DisputeOpened(String event, long round, String by, String reason, String at,
                            @OptionalField String reproposeBy) implements OracleEvent {
    public DisputeOpened {
        requireText("event", event);
        requirePositive("round", round);
        requireText("by", by);
        requireText("reason", reason);
        at = Timestamps.normalize("at", at);
        reproposeBy = reproposeBy == null ? null : Timestamps.normalize("repropose_by", reproposeBy);
    }
}
