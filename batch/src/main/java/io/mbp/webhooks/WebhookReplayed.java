package io.mbp.webhooks;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.Timestamps;

/** An operator asked for the delivery again: it is due at once, with a fresh attempt budget. */
@EventType("WebhookReplayed")
public record WebhookReplayed(String subscription, String delivery, String by, String at) implements WebhookEvent {
    public WebhookReplayed {
        requireText("subscription", subscription);
        requireText("delivery", delivery);
        requireText("by", by);
        at = Timestamps.normalize("at", at);
    }
}
