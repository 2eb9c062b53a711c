package io.mbp.chaos;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import java.util.List;

/**
 * A report filed as S21 evidence ({@code mbp chaos record}): its {@code kind} (one of
 * {@link EvidenceKind}), the file's name and SHA-256, and the fields the evidence report prints, as
 * {@code name=value} text copied from the report (for a DR drill: rpo_seconds, rto_seconds,
 * events_lost, verified).
 */
@EventType("SreEvidenceRecorded")
public record SreEvidenceRecorded(String kind, String name, String sha256, List<String> fields) implements ChaosEvent {
    public SreEvidenceRecorded {
        EvidenceKind.parse("kind", kind);
        requireText("name", name);
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new FieldException("sha256", "must be 64 lowercase hex digits");
        }
        fields = List.copyOf(fields);
    }
}
