package io.mbp.incident;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.OptionalField;

/**
 * A timeline entry of an open incident: a note, and optionally a new {@code severity} or a
 * {@code status} (investigating, identified, monitoring) the status page shows.
 */
@EventType("IncidentUpdated")
public record IncidentUpdated(String incident, String note, String by, @OptionalField String severity,
                              @OptionalField String status) implements IncidentEvent {
    public static final java.util.List<String> STATUSES = java.util.List.of("investigating", "identified", "monitoring");

    public IncidentUpdated {
        requireText("incident", incident);
        requireText("note", note);
        requireText("by", by);
        if (severity != null) {
            severity = Severity.parse("severity", severity).name();
        }
        if (status != null && !STATUSES.contains(status)) {
            throw new FieldException("status", "must be one of " + STATUSES + ", got \"" + status + "\"");
        }
    }
}
