package io.mbp.aml;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.OptionalField;
import java.util.List;

/**
 * An alert opened: its id, the idempotency key it was raised with, the scenario and version, the
 * account and (when known) its data subject, the business date, a summary and the evidence seqs.
 */
@EventType("AmlAlertOpened")
public record AmlAlertOpened(String alert, String key, String scenario, int scenarioVersion, String account,
                             @OptionalField String subject, String businessDate, String summary, List<Long> evidence)
        implements AmlEvent {
    public AmlAlertOpened {
        requireText("alert", alert);
        requireText("key", key);
        requireText("scenario", scenario);
        requireText("account", account);
        requireText("business_date", businessDate);
        requireText("summary", summary);
        evidence = List.copyOf(evidence);
    }

    @Override
    public String streamId() {
        return ALERTS_STREAM;
    }
}
