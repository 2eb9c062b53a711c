package io.mbp.incident;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.Timestamps;

/**
 * The incident is over: impact ended at {@code restored_at} (MTTR = restored_at − started_at), with the
 * root cause ({@code rca}) and what is done so it does not recur ({@code actions}).
 */
@EventType("IncidentResolved")
public record IncidentResolved(String incident, String restoredAt, String rca, String actions, String by) implements IncidentEvent {
    public IncidentResolved {
        requireText("incident", incident);
        restoredAt = Timestamps.normalize("restored_at", restoredAt);
        requireText("rca", rca);
        requireText("actions", actions);
        requireText("by", by);
    }
}
