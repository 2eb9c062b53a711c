package io.mbp.screenhooks;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/**
 * A list delta made an existing customer hit an entity they had no alert for (ADR 0716): a review
 * queue entry. {@code entity} is "list/entity_id", {@code score} four decimals.
 */
@EventType("ScreeningAlertOpened")
public record ScreeningAlertOpened(String alertId, String account, String subject, String list, long listVersion,
                                   String entityId, String score) implements ScreeningHookEvent {
    public ScreeningAlertOpened {
        requireText("alert_id", alertId);
        requireText("account", account);
        requireText("subject", subject);
        requireText("list", list);
        requireNonNegative("list_version", listVersion);
        requireText("entity_id", entityId);
        requireText("score", score);
    }

    @Override
    public String streamId() {
        return ScreeningHookEvents.ALERTS_STREAM;
    }
}
