package io.mbp.appeals;

import io.mbp.events.EventTypes;

/** The appeals family's registry. */
public final class AppealEvents {
    public static final EventTypes TYPES = EventTypes.of(AppealEvent.class);

    private AppealEvents() {
    }
}
