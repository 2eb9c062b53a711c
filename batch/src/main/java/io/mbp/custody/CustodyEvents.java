package io.mbp.custody;

import io.mbp.events.EventTypes;

/**
 * The custody event family's registry: services of this package append and decode with it (or with
 * it composed with the families they read); only the top-level assemblies use the full catalog.
 */
public final class CustodyEvents {
    public static final EventTypes TYPES = EventTypes.of(CustodyEvent.class);

    private CustodyEvents() {
    }
}
