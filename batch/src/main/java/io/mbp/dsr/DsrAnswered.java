package io.mbp.dsr;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.OptionalField;

/**
 * A request was answered: {@code outcome} is exported, erased, erasure-scheduled (a legal retention
 * applies; {@code note} names it and the date) or already-erased.
 */
@EventType("DsrAnswered")
public record DsrAnswered(String request, String account, String subject, String kind, String outcome, String by,
        @OptionalField String note) implements DsrEvent {
    public DsrAnswered {
        requireText("request", request);
        requireText("account", account);
        requireText("subject", subject);
        requireText("kind", kind);
        requireText("outcome", outcome);
        requireText("by", by);
    }
}
