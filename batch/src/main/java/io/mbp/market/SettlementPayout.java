package io.mbp.market;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/**
 * Settlement owes {@code amount} centavos to {@code account}: {@code positions} from its winning
 * shares, {@code liquidity} from its pro-rata part of the pool's remaining outcome tokens and
 * {@code fees} from the fee pool. The payouts engine sends it over PIX; {@code instruction_id}
 * ({@code <market>:<account>}) is stable, so settling twice or replaying cannot pay twice.
 */
@EventType("SettlementPayout")
public record SettlementPayout(String instructionId, String market, String account, long amount,
                               long positions, long liquidity, long fees) implements MarketEvent {
    public SettlementPayout {
        requireText("instruction_id", instructionId);
        requireText("market", market);
        requireText("account", account);
        requirePositive("amount", amount);
        requireNonNegative("positions", positions);
        requireNonNegative("liquidity", liquidity);
        requireNonNegative("fees", fees);
        if (positions + liquidity + fees != amount) {
            throw new io.mbp.events.FieldException("amount", "must equal positions + liquidity + fees");
        }
    }

    @Override
    public String streamId() {
        return market;
    }
}
