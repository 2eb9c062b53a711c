package io.mbp.payout;

import io.mbp.events.EventPayload;
import io.mbp.market.WithdrawalRequested;
import java.util.Optional;
import java.util.Set;

/**
 * A withdrawal request becomes one instruction with id {@code po-w-<digest>}, the digest of its
 * {@link PayoutSource} (withdrawal id and account). Hashed, not sanitised: {@code x/1} and {@code x_1} are
 * two withdrawals and get two instructions, and an id of any length or alphabet already in the log
 * still gets a valid one (ADR 0506).
 */
public final class WithdrawalOrigin implements PayoutOrigin {
    @Override
    public Set<String> eventTypes() {
        return Set.of("WithdrawalRequested");
    }

    @Override
    public Optional<PayoutInstructed> instructionFor(EventPayload payload) {
        if (payload instanceof WithdrawalRequested w) {
            String id = PayoutSource.withdrawal(w.withdrawalId(), w.account()).instructionId("po-w-");
            return Optional.of(new PayoutInstructed(id, w.account(), w.payee(), w.amount(), PayoutSource.WITHDRAWAL,
                    w.withdrawalId()));
        }
        return Optional.empty();
    }
}
