package io.mbp.aml;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;

/** A case decided: {@code false-positive} (closed, with the reason) or {@code escalated} (to be communicated to COAF). */
@EventType("AmlCaseDecided")
public record AmlCaseDecided(String caseId, String decision, String reason, String by) implements AmlEvent {
    public static final String FALSE_POSITIVE = "false-positive";
    public static final String ESCALATED = "escalated";

    public AmlCaseDecided {
        requireText("case_id", caseId);
        if (!FALSE_POSITIVE.equals(decision) && !ESCALATED.equals(decision)) {
            throw new FieldException("decision", "must be false-positive or escalated");
        }
        requireText("reason", reason);
        requireText("by", by);
    }

    @Override
    public String streamId() {
        return CASES_STREAM;
    }
}
