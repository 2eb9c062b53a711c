package io.mbp.payout;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every instruction's folded state, in instruction order: the log's payout events through evolve;
 * and which instruction pays each {@link PayoutSource}, whatever id scheme named it.
 */
public final class PayoutBook {
    private final Map<String, Payout> byId = new LinkedHashMap<>();
    private final Map<PayoutSource, String> bySource = new HashMap<>();

    public void apply(PayoutEvent e, Instant at) {
        byId.put(e.instructionId(), PayoutEngine.evolve(byId.get(e.instructionId()), e, at));
        if (e instanceof PayoutInstructed i) {
            bySource.putIfAbsent(PayoutSource.of(i), i.instructionId());
        }
    }

    /** The instruction that already pays {@code source}, or null: the test for "already instructed". */
    public Payout forSource(PayoutSource source) {
        String id = bySource.get(source);
        return id == null ? null : byId.get(id);
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
