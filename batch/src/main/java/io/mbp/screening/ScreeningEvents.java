package io.mbp.screening;

import io.mbp.events.EventTypes;

/** The screening event family's registry (services of this package append and decode with it). */
public final class ScreeningEvents {
    public static final EventTypes TYPES = EventTypes.of(ScreeningEvent.class);
    public static final String QUERIES_STREAM = "screening-queries";

    private ScreeningEvents() {
    }

    public static String listStream(String listId) {
        return "screening-list:" + listId;
    }
}
