package io.mbp.dsr;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;

/** A data subject asked for {@code kind} (export or erase); received at {@code received_at}, to be answered by {@code due}. */
@EventType("DsrRequested")
public record DsrRequested(String request, String account, String subject, String kind, String receivedAt, String due,
        String by) implements DsrEvent {
    public DsrRequested {
        requireText("request", request);
        requireText("account", account);
        requireText("subject", subject);
        if (DsrService.Kind.of(kind).isEmpty()) {
            throw new FieldException("kind", "must be export or erase");
        }
        requireText("received_at", receivedAt);
        requireText("due", due);
        requireText("by", by);
    }
}
