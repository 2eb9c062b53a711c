package io.mbp.webhooks;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.OptionalField;
import io.mbp.events.Timestamps;

/**
 * One POST of delivery {@code delivery} (the log event {@code event_seq} on {@code topic}): its
 * {@code attempt} number, the receiver's HTTP {@code status} (0 when none came back), {@code outcome}
 * {@code delivered} (2xx) or {@code failed}, a short {@code error} on failure and, when another attempt
 * follows, when ({@code next_at}).
 */
@EventType("WebhookAttempted")
public record WebhookAttempted(String subscription, String delivery, long eventSeq, String topic, long attempt, long status,
                               String outcome, @OptionalField String error, String at, @OptionalField String nextAt)
        implements WebhookEvent {
    public WebhookAttempted {
        requireText("subscription", subscription);
        requireText("delivery", delivery);
        requireNonNegative("event_seq", eventSeq);
        requireText("topic", topic);
        requirePositive("attempt", attempt);
        requireNonNegative("status", status);
        if (!"delivered".equals(outcome) && !"failed".equals(outcome)) {
            throw new io.mbp.events.FieldException("outcome", "must be \"delivered\" or \"failed\", got \"" + outcome + "\"");
        }
        at = Timestamps.normalize("at", at);
        nextAt = nextAt == null ? null : Timestamps.normalize("next_at", nextAt);
    }
}
