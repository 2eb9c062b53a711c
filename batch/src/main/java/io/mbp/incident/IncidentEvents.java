package io.mbp.incident;

import io.mbp.events.EventTypes;
import java.util.List;

/** The incidents family's registry. */
public final class IncidentEvents {
    public static final EventTypes TYPES = EventTypes.of(IncidentEvent.class);
    public static final List<String> NAMES = List.copyOf(TYPES.names());

    private IncidentEvents() {
    }
}
