package io.mbp.dsr;

import io.mbp.events.EventTypes;

/** The DSR family's registry. */
public final class DsrEvents {
    public static final EventTypes TYPES = EventTypes.of(DsrEvent.class);

    private DsrEvents() {
    }
}
