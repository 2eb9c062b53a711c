package io.mbp.chaos;

import io.mbp.events.EventTypes;
import java.util.List;

/** The resilience family's registry. */
public final class ChaosEvents {
    public static final EventTypes TYPES = EventTypes.of(ChaosEvent.class);
    public static final List<String> NAMES = List.copyOf(TYPES.names());

    private ChaosEvents() {
    }
}
