package io.mbp.market;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;

/**
 * A filled order. For a buy, {@code amount} is collateral spent in centavos; for a sell it is the
 * shares sold. {@code cost} is centavos paid (buy) or received (sell), {@code fee} the part kept
 * for liquidity providers.
 */
@EventType("OrderFilled")
public record OrderFilled(String orderId, String market, String account, String outcome, String side,
                          long amount, long shares, long cost, long fee) implements MarketEvent {
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

    @Override
    public String streamId() {
        return market;
    }
}
