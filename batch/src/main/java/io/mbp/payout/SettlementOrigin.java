package io.mbp.payout;

import io.mbp.events.EventPayload;
import io.mbp.market.SettlementPayout;
import java.util.Optional;
import java.util.Set;

/**
 * A market settlement's payout to an account becomes one instruction with id
 * {@code po-s-<market>_<account>} (a pure function of the event), paid to the account's PIX key
 * on file ({@link PixKeys}); without a key on file there is no instruction yet.
 */
public final class SettlementOrigin implements PayoutOrigin {
    private final PixKeys keys;

    public SettlementOrigin(PixKeys keys) {
        this.keys = keys;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("SettlementPayout");
    }

    @Override
    public Optional<PayoutInstructed> instructionFor(EventPayload payload) {
        if (payload instanceof SettlementPayout s) {
            String id = "po-s-" + s.instructionId().replaceAll("[^A-Za-z0-9._-]", "_");
            if (id.length() > 64) {
                id = id.substring(0, 64);
            }
            String instructionId = id;
            return keys.of(s.account()).map(key -> new PayoutInstructed(instructionId, s.account(), key, s.amount(),
                    "settlement", s.instructionId()));
        }
        return Optional.empty();
    }
}
