package io.mbp.webhooks;

import io.mbp.events.EventTypes;
import java.util.List;

/** The webhook family's registry. */
public final class WebhookEvents {
    public static final EventTypes TYPES = EventTypes.of(WebhookEvent.class);
    public static final List<String> NAMES = List.copyOf(TYPES.names());

    private WebhookEvents() {
    }
}
