package io.mbp.payout;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every instruction's folded state, in instruction order: the log's payout events through evolve. */
public final class PayoutBook {
    private final Map<String, Payout> byId = new LinkedHashMap<>();

    public void apply(PayoutEvent e, Instant at) {
        byId.put(e.instructionId(), PayoutEngine.evolve(byId.get(e.instructionId()), e, at));
    }

    public Payout get(String id) {
        return byId.get(id);
    }

    public Collection<Payout> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }
}
