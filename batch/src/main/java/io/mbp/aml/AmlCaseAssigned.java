package io.mbp.aml;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** A case given to an analyst. */
@EventType("AmlCaseAssigned")
public record AmlCaseAssigned(String caseId, String to, String by) implements AmlEvent {
    public AmlCaseAssigned {
        requireText("case_id", caseId);
        requireText("to", to);
        requireText("by", by);
    }

    @Override
    public String streamId() {
        return CASES_STREAM;
    }
}
