package io.mbp.incident;

import io.mbp.events.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An incident as its events tell it. {@code restoredAt} is null while open. {@code timeline} holds one
 * line per event, oldest first: {@code <ts> <kind>: <text>}.
 */
public record Incident(String id, Severity severity, String title, String service, String startedAt, String openedAt,
                       String openedBy, String change, String status, String restoredAt, String rca, String actions,
                       List<String> timeline) {
    public Incident {
        timeline = List.copyOf(timeline);
    }

    public boolean open() {
        return restoredAt == null;
    }

    /** Impact start to restoration, or null while open. */
    public Duration timeToRestore() {
        return open() ? null : Duration.between(Timestamps.parse("started_at", startedAt), Timestamps.parse("restored_at", restoredAt));
    }

    /** Restored within its severity's target (an open incident is judged at {@code now}). */
    public boolean withinTarget(Instant now) {
        Duration d = open() ? Duration.between(Timestamps.parse("started_at", startedAt), now) : timeToRestore();
        return d.compareTo(severity.restoreTarget()) <= 0;
    }
}
