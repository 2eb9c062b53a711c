package io.mbp.exports;

import io.mbp.events.EventTypes;
import java.util.List;

/** The publication family's registry. */
public final class PublicationEvents {
    public static final EventTypes TYPES = EventTypes.of(PublicationEvent.class);
    public static final List<String> NAMES = List.copyOf(TYPES.names());

    private PublicationEvents() {
    }
}
