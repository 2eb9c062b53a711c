package io.mbp.market;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.OptionalField;

/**
 * A filled order. For a buy, {@code amount} is collateral spent in centavos (fee included) and
 * {@code shares} the outcome shares received; for a sell, {@code amount} and {@code shares} are the
 * shares given to the pool. {@code cost} is centavos paid (buy) or received (sell), {@code fee} the
 * part kept for liquidity providers. The pool's new balances follow from these fields alone.
 */
@EventType("OrderFilled")
public record OrderFilled(String orderId, String market, String account, String outcome, String side,
                          long amount, long shares, long cost, long fee,
                          @OptionalField String idempotencyKey, @OptionalField String requestHash)
        implements MarketEvent {
    public OrderFilled {
        requireText("order_id", orderId);
        requireText("market", market);
        requireText("account", account);
        requireText("outcome", outcome);
        if (!"buy".equals(side) && !"sell".equals(side)) {
            throw new FieldException("side", "must be \"buy\" or \"sell\", got \"" + side + "\"");
        }
        requirePositive("amount", amount);
        requirePositive("shares", shares);
        requirePositive("cost", cost);
        requireNonNegative("fee", fee);
    }

    public OrderFilled(String orderId, String market, String account, String outcome, String side,
                       long amount, long shares, long cost, long fee) {
        this(orderId, market, account, outcome, side, amount, shares, cost, fee, null, null);
    }

    @Override
    public String streamId() {
        return market;
    }
}
