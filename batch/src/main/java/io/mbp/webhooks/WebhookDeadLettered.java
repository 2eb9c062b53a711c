package io.mbp.webhooks;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.Timestamps;

/** The delivery failed {@code attempts} times, the bound: no more automatic attempts until it is replayed. */
@EventType("WebhookDeadLettered")
public record WebhookDeadLettered(String subscription, String delivery, long attempts, String at) implements WebhookEvent {
    public WebhookDeadLettered {
        requireText("subscription", subscription);
        requireText("delivery", delivery);
        requirePositive("attempts", attempts);
        at = Timestamps.normalize("at", at);
    }
}
