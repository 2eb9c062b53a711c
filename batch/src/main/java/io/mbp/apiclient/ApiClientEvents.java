package io.mbp.apiclient;

import io.mbp.events.EventTypes;
import java.util.List;

/** The API clients family's registry. */
public final class ApiClientEvents {
    public static final EventTypes TYPES = EventTypes.of(ApiClientEvent.class);
    public static final List<String> NAMES = List.copyOf(TYPES.names());

    private ApiClientEvents() {
    }
}
