package io.mbp.market;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.OptionalField;

/**
 * Cash credited to an account by a PIX deposit, identified by its end-to-end id.
 * {@code idempotency_key}/{@code request_hash} are set when the deposit came through the API.
 */
@EventType("DepositReceived")
public record DepositReceived(String account, long amount, String e2eid,
                              @OptionalField String idempotencyKey, @OptionalField String requestHash)
        implements MarketEvent {
    public DepositReceived {
        requireText("account", account);
        requirePositive("amount", amount);
        requireText("e2eid", e2eid);
    }

    public DepositReceived(String account, long amount, String e2eid) {
        this(account, amount, e2eid, null, null);
    }

    @Override
    public String streamId() {
        return account;
    }
}
