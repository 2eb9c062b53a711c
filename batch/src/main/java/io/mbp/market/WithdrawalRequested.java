package io.mbp.market;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.OptionalField;

/** An account asked for cash out to a PIX key; the payout engine turns it into an instruction. */
@EventType("WithdrawalRequested")
public record WithdrawalRequested(String withdrawalId, String account, long amount, String pixKey,
                                  @OptionalField String idempotencyKey, @OptionalField String requestHash)
        implements MarketEvent {
    public WithdrawalRequested {
        requireText("withdrawal_id", withdrawalId);
        requireText("account", account);
        requirePositive("amount", amount);
        requireText("pix_key", pixKey);
    }

    public WithdrawalRequested(String withdrawalId, String account, long amount, String pixKey) {
        this(withdrawalId, account, amount, pixKey, null, null);
    }

    @Override
    public String streamId() {
        return account;
    }
}
