package io.mbp.release;

import io.mbp.events.EventTypes;
import java.util.List;

/** The releases family's registry. */
public final class ReleaseEvents {
    public static final EventTypes TYPES = EventTypes.of(ReleaseEvent.class);
    public static final List<String> NAMES = List.copyOf(TYPES.names());

    private ReleaseEvents() {
    }
}
