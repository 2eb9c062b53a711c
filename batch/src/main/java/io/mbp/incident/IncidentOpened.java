package io.mbp.incident;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.OptionalField;
import io.mbp.events.Timestamps;

/**
 * Incident {@code incident} was declared: {@code severity} P1..P4, the affected {@code service}, impact since
 * {@code started_at} (MTTR counts from there, not from the declaration); {@code change} names the
 * deployment (a commit or a release tag) that caused it, when known: DORA's change failure rate counts it.
 */
@EventType("IncidentOpened")
public record IncidentOpened(String incident, String severity, String title, String service, String startedAt, String openedBy,
                             @OptionalField String change) implements IncidentEvent {
    public IncidentOpened {
        requireText("incident", incident);
        severity = Severity.parse("severity", severity).name();
        requireText("title", title);
        requireText("service", service);
        startedAt = Timestamps.normalize("started_at", startedAt);
        requireText("opened_by", openedBy);
    }
}
