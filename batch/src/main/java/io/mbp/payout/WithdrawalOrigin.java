package io.mbp.payout;

import io.mbp.events.EventPayload;
import io.mbp.market.WithdrawalRequested;
import java.util.Optional;
import java.util.Set;

/** A withdrawal request becomes one instruction with id {@code po-w-<withdrawal_id>}. */
public final class WithdrawalOrigin implements PayoutOrigin {
    @Override
    public Set<String> eventTypes() {
        return Set.of("WithdrawalRequested");
    }

    @Override
    public Optional<PayoutInstructed> instructionFor(EventPayload payload) {
        if (payload instanceof WithdrawalRequested w) {
            String id = "po-w-" + w.withdrawalId().replaceAll("[^A-Za-z0-9._-]", "_");
            return Optional.of(new PayoutInstructed(id, w.account(), w.pixKey(), w.amount(), "withdrawal",
                    w.withdrawalId()));
        }
        return Optional.empty();
    }
}
