package io.mbp.webhooks;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.Timestamps;
import java.util.List;

/**
 * A client subscribed {@code url} to {@code topics}; events from log position {@code from_seq} on are
 * delivered. The signing secret is not here: it is derived from the operator's webhook key and the
 * subscription id (ADR 0315), so the log never holds it.
 */
@EventType("WebhookSubscribed")
public record WebhookSubscribed(String subscription, String client, String url, List<String> topics, long fromSeq, String at)
        implements WebhookEvent {
    public WebhookSubscribed {
        requireText("subscription", subscription);
        requireText("client", client);
        requireText("url", url);
        topics = List.copyOf(topics);
        requireNonNegative("from_seq", fromSeq);
        at = Timestamps.normalize("at", at);
    }
}
