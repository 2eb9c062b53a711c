package io.mbp.privacy;

import io.mbp.events.EventTypes;

/**
 * The privacy event family's registry: services of this package append and decode with it (or with
 * it composed with the families they read); only the top-level assemblies use the full catalog.
 */
public final class PrivacyEvents {
    public static final EventTypes TYPES = EventTypes.of(PrivacyEvent.class);

    private PrivacyEvents() {
    }
}
