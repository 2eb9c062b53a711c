package io.mbp.market;

import java.util.List;

/**
 * What operators, the API and the oracle follower ask of the market engine. {@code idempotencyKey}
 * and {@code requestHash} are set for API writes: the events they produce carry them, so a
 * replayed log remembers every key.
 */
public sealed interface MarketCommand {
    record CreateMarket(String market, String oracleEvent, List<String> outcomes, long feeBps, String opensAt,
                        String closesAt, String threshold, String lpAccount, long liquidity, String e2eid)
            implements MarketCommand {
    }

    record Deposit(String account, long amount, String e2eid, String idempotencyKey, String requestHash)
            implements MarketCommand {
    }

    record Withdraw(String withdrawalId, String account, long amount, PixPayee payee, String idempotencyKey,
                    String requestHash) implements MarketCommand {
    }

    /**
     * Buy: {@code amount} centavos, {@code limit} the fewest shares accepted (min_shares; 0 = none).
     * Sell: {@code amount} shares, {@code limit} the min return in centavos (0 = none).
     */
    record PlaceOrder(String market, String account, String outcome, String side, long amount, long limit,
                      String idempotencyKey, String requestHash) implements MarketCommand {
    }

    record AddLiquidity(String market, String account, long amount, String idempotencyKey, String requestHash)
            implements MarketCommand {
    }

    record RemoveLiquidity(String market, String account, long lpShares, String idempotencyKey, String requestHash)
            implements MarketCommand {
    }

    record Halt(String market, HaltLevel level, String reason) implements MarketCommand {
    }

    record Resume(String market, String reason) implements MarketCommand {
    }

    record Settle(String market) implements MarketCommand {
    }

    /** Re-evaluates a market's halt components at the clock's time (cooldowns, oracle mode). */
    record Tick(String market) implements MarketCommand {
    }

    /**
     * Moves a market onto a release's parameters (docs/adr/0318): only {@code mbp canary} sends it.
     * {@code reason} is canary, rollback or promote.
     */
    record ApplyParams(String market, String release, long feeBps, String reason, ParamBands bands) implements MarketCommand {
        public ApplyParams {
            bands = bands == null ? ParamBands.NONE : bands;
        }

        public ApplyParams(String market, String release, long feeBps, String reason) {
            this(market, release, feeBps, reason, ParamBands.NONE);
        }
    }
}
