package io.mbp.market;

import io.mbp.events.EventTypes;

/**
 * The market event family's registry: services of this package append and decode with it (or with
 * it composed with the families they read); only the top-level assemblies use the full catalog.
 */
public final class MarketEvents {
    public static final EventTypes TYPES = EventTypes.of(MarketEvent.class);

    private MarketEvents() {
    }
}
