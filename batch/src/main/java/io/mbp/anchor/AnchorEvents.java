package io.mbp.anchor;

import io.mbp.events.EventTypes;

/**
 * The anchor event family's registry: services of this package append and decode with it (or with
 * it composed with the families they read); only the top-level assemblies use the full catalog.
 */
public final class AnchorEvents {
    public static final EventTypes TYPES = EventTypes.of(AnchorEvent.class);

    private AnchorEvents() {
    }
}
