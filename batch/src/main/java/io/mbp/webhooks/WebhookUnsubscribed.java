package io.mbp.webhooks;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.Timestamps;

/** The subscription was removed: nothing more is delivered on it, pending attempts included. */
@EventType("WebhookUnsubscribed")
public record WebhookUnsubscribed(String subscription, String by, String at) implements WebhookEvent {
    public WebhookUnsubscribed {
        requireText("subscription", subscription);
        requireText("by", by);
        at = Timestamps.normalize("at", at);
    }
}
