package io.mbp.chaos;

import io.mbp.events.FieldException;
import java.util.Arrays;
import java.util.List;

/**
 * The S21 evidence kinds besides game days, and which top-level fields of each report's JSON the
 * log keeps (the rest stays in the file, named by its hash).
 */
public enum EvidenceKind {
    DR_DRILL("dr-drill", List.of("rpo_seconds", "rto_seconds", "events_lost", "verified")),
    SLO_REPORT("slo-report", List.of()),
    RULES_CHECK("rules-check", List.of());

    private final String wire;
    private final List<String> keptFields;

    EvidenceKind(String wire, List<String> keptFields) {
        this.wire = wire;
        this.keptFields = keptFields;
    }

    public String wire() {
        return wire;
    }

    /** The report fields kept in the event; empty means every top-level scalar field. */
    public List<String> keptFields() {
        return keptFields;
    }

    public static EvidenceKind parse(String field, String text) {
        for (EvidenceKind k : values()) {
            if (k.wire.equals(text)) {
                return k;
            }
        }
        throw new FieldException(field, "must be one of " + Arrays.stream(values()).map(EvidenceKind::wire).toList()
                + ", got \"" + text + "\"");
    }
}
