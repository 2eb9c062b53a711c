package io.mbp.gate;

import io.mbp.events.EventTypes;

/** The Go/No-Go family's registry. */
public final class GateEvents {
    public static final EventTypes TYPES = EventTypes.of(GateEvent.class);

    private GateEvents() {
    }
}
