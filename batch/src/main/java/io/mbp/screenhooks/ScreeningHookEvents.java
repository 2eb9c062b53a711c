package io.mbp.screenhooks;

import io.mbp.events.EventTypes;

/** The screening-hooks event family's registry. */
public final class ScreeningHookEvents {
    public static final EventTypes TYPES = EventTypes.of(ScreeningHookEvent.class);
    public static final String ALERTS_STREAM = "screening-alerts";

    private ScreeningHookEvents() {
    }
}
