package io.mbp.recon;

import io.mbp.events.EventTypes;

/**
 * The recon event family's registry: services of this package append and decode with it (or with
 * it composed with the families they read); only the top-level assemblies use the full catalog.
 */
public final class ReconEvents {
    public static final EventTypes TYPES = EventTypes.of(ReconEvent.class);

    private ReconEvents() {
    }
}
