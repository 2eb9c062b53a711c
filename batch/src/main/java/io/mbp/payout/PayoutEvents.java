package io.mbp.payout;

import io.mbp.events.EventTypes;

/**
 * The payout event family's registry: services of this package append and decode with it (or with
 * it composed with the families they read); only the top-level assemblies use the full catalog.
 */
public final class PayoutEvents {
    public static final EventTypes TYPES = EventTypes.of(PayoutEvent.class);

    private PayoutEvents() {
    }
}
