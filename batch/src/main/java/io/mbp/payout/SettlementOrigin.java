package io.mbp.payout;

import io.mbp.events.EventPayload;
import io.mbp.market.SettlementPayout;
import java.util.Optional;
import java.util.Set;

/**
 * A market settlement's payout to an account becomes one instruction with id {@code po-s-<digest>},
 * the digest of its {@link PayoutSource} (the payout's {@code <market>:<account>} and the account): a pure function of the event, distinct
 * for every market and account however long or alike their ids (ADR 0506). It is paid to the
 * account's PIX key on file ({@link PixKeys}); without a key on file there is no instruction yet.
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
            // the settlement's own stable id (<market>:<account>) with the account: unambiguous together
            String id = PayoutSource.settlement(s.instructionId(), s.account()).instructionId("po-s-");
            return keys.of(s.account()).map(payee -> new PayoutInstructed(id, s.account(), payee, s.amount(),
                    PayoutSource.SETTLEMENT, s.instructionId()));
        }
        return Optional.empty();
    }
}
