package io.mbp.oracle;

import io.mbp.events.EventTypes;

/**
 * The oracle event family's registry: services of this package append and decode with it (or with
 * it composed with the families they read); only the top-level assemblies use the full catalog.
 */
public final class OracleEvents {
    public static final EventTypes TYPES = EventTypes.of(OracleEvent.class);

    private OracleEvents() {
    }
}
