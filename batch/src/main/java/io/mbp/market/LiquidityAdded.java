package io.mbp.market;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.OptionalField;
import java.util.List;

/**
 * An LP moved {@code amount} centavos of its cash into the pool: that many complete sets were
 * minted, {@code kept[i]} of outcome i stayed in the pool, the rest went back to the LP as
 * positions, and {@code lp_shares} pool shares were minted to it. {@code fee_weight} is what the
 * fee accumulator charged the LP as already withdrawn, so it cannot take fees earned before it joined.
 */
@EventType("LiquidityAdded")
public record LiquidityAdded(String market, String account, long amount, List<Long> kept, long lpShares,
                             long feeWeight, @OptionalField String idempotencyKey,
                             @OptionalField String requestHash) implements MarketEvent {
    public LiquidityAdded {
        requireText("market", market);
        requireText("account", account);
        requirePositive("amount", amount);
        requirePositive("lp_shares", lpShares);
        if (kept == null || kept.isEmpty()) {
            throw new FieldException("kept", "must list one amount per outcome");
        }
        kept = List.copyOf(kept);
    }

    @Override
    public String streamId() {
        return market;
    }
}
