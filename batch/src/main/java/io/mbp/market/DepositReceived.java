package io.mbp.market;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** Cash credited to an account by a PIX deposit, identified by its end-to-end id. */
@EventType("DepositReceived")
public record DepositReceived(String account, long amount, String e2eid) implements MarketEvent {
    public DepositReceived {
        requireText("account", account);
        requirePositive("amount", amount);
        requireText("e2eid", e2eid);
    }

    @Override
    public String streamId() {
        return account;
    }
}
