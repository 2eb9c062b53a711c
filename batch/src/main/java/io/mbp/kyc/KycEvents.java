package io.mbp.kyc;

import io.mbp.events.EventTypes;

/**
 * The kyc event family's registry: services of this package append and decode with it (or with
 * it composed with the families they read); only the top-level assemblies use the full catalog.
 */
public final class KycEvents {
    public static final EventTypes TYPES = EventTypes.of(KycEvent.class);

    private KycEvents() {
    }
}
