package io.mbp.canary;

import io.mbp.events.EventTypes;
import io.mbp.market.MarketEvent;
import java.util.List;

/** The canary family's registry, and the families its projection folds (markets for their release and fee). */
public final class CanaryEvents {
    public static final EventTypes TYPES = EventTypes.of(CanaryEvent.class);
    public static final List<String> NAMES = List.copyOf(TYPES.names());
    static final EventTypes FOLDED = EventTypes.of(CanaryEvent.class, MarketEvent.class);

    private CanaryEvents() {
    }
}
