package io.mbp.market;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.OptionalField;
import java.util.List;

/**
 * An LP burned {@code lp_shares}: the pool sent it {@code sent[i]} of each outcome, of which
 * {@code merged} complete sets were redeemed to cash at once (the rest stay as positions), and it
 * collected {@code fees} centavos from the fee pool. {@code fee_weight} is what the accumulator
 * took off the LP's withdrawn-fees record for the burned shares.
 */
@EventType("LiquidityRemoved")
public record LiquidityRemoved(String market, String account, long lpShares, List<Long> sent, long merged,
                               long fees, long feeWeight, @OptionalField String idempotencyKey,
                               @OptionalField String requestHash) implements MarketEvent {
    public LiquidityRemoved {
        requireText("market", market);
        requireText("account", account);
        requirePositive("lp_shares", lpShares);
        if (sent == null || sent.isEmpty()) {
            throw new FieldException("sent", "must list one amount per outcome");
        }
        sent = List.copyOf(sent);
        requireNonNegative("merged", merged);
        requireNonNegative("fees", fees);
        requireNonNegative("fee_weight", feeWeight);
    }

    @Override
    public String streamId() {
        return market;
    }
}
