package io.mbp.webhooks;

import io.mbp.events.EventPayload;

/**
 * Webhooks (issue 15, ADR 0314): subscriptions and every delivery attempt, dead letter and replay are
 * events, so who was told what and when is in the log like everything else. Stream = subscription id.
 */
public sealed interface WebhookEvent extends EventPayload
        permits WebhookSubscribed, WebhookUnsubscribed, WebhookAttempted, WebhookDeadLettered, WebhookReplayed {
    String subscription();
}
