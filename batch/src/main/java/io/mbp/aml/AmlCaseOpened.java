package io.mbp.aml;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import java.util.List;

/** A case opened by {@code by} over one or more open alerts. */
@EventType("AmlCaseOpened")
public record AmlCaseOpened(String caseId, List<String> alerts, String by) implements AmlEvent {
    public AmlCaseOpened {
        requireText("case_id", caseId);
        alerts = List.copyOf(alerts);
        requireText("by", by);
    }

    @Override
    public String streamId() {
        return CASES_STREAM;
    }
}
