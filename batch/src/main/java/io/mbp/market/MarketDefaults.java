package io.mbp.market;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The market's rules for filling in what a request leaves out, shared by every way in (the daemon's
 * API, {@code mbp market create}): the default fee, the ids derived when a client names none, and
 * which slippage limit an order side takes (docs/adr/0308). One place, so the API and the CLI cannot
 * drift apart.
 */
public final class MarketDefaults {
    /** The LP fee when a market names none, in basis points. */
    public static final long FEE_BPS = 200;
    /** {@link #FEE_BPS} as text, for a picocli default (an annotation needs a constant). */
    public static final String FEE_BPS_TEXT = "" + FEE_BPS;

    private MarketDefaults() {
    }

    /** The end-to-end id of the LP's seed deposit when the creator names none. */
    public static String lpDepositId(String market) {
        return "LIQ-" + market;
    }

    /** The end-to-end id of an API deposit that names none: derived from its Idempotency-Key. */
    public static String apiDepositId(String idempotencyKey) {
        return "API-" + idempotencyKey;
    }

    /** The withdrawal id of an API withdrawal that names none: derived from its Idempotency-Key. */
    public static String withdrawalId(String idempotencyKey) {
        return "WD-" + idempotencyKey;
    }

    /** A market to create, with the fee ({@code null}: {@link #FEE_BPS}) and e2eid ({@code null}: LIQ-market) defaulted. */
    public static MarketCommand.CreateMarket createMarket(String market, String oracleEvent, List<String> outcomes, Long feeBps,
                                                          String opensAt, String closesAt, String threshold, String lpAccount,
                                                          long liquidity, String e2eid) {
        return new MarketCommand.CreateMarket(market, oracleEvent, outcomes, feeBps != null ? feeBps : FEE_BPS, opensAt,
                closesAt, threshold, lpAccount, liquidity, e2eid != null ? e2eid : lpDepositId(market));
    }

    /**
     * An order's slippage limit as the engine takes it (docs/adr/0308): a buy's {@code min_shares}
     * (the fewest outcome shares it accepts for its amount, Gnosis's minOutcomeTokensToBuy), a sell's
     * {@code min_return}; 0 for none. {@code max_cost} stays accepted on buys for compatibility but
     * cannot bound the price (a buy spends exactly {@code amount}): it must be at least 1 and at
     * least {@code amount}. {@code has} says whether the request carries a field, {@code value} reads
     * it (and may refuse it); fields are read in the order the rules check them.
     *
     * @throws MarketRejected INVALID_FIELD naming the field at fault
     */
    public static long orderLimit(String side, Predicate<String> has, ToLongFunction<String> value) {
        boolean buy = "buy".equals(side);
        for (String f : buy ? new String[] {"min_return"} : new String[] {"max_cost", "min_shares"}) {
            if (has.test(f)) {
                throw new MarketRejected(Reject.INVALID_FIELD, f, f + ": applies to " + (buy ? "sells" : "buys")
                        + "; a buy takes min_shares, a sell min_return");
            }
        }
        if (!buy) {
            return has.test("min_return") ? value.applyAsLong("min_return") : 0;
        }
        if (has.test("max_cost")) {
            long maxCost = value.applyAsLong("max_cost");
            if (maxCost < 1) {
                throw new MarketRejected(Reject.INVALID_FIELD, "max_cost", "max_cost: must be at least 1 centavo, got " + maxCost
                        + " (omit it for no cap; bound the price with min_shares)");
            }
            long amount = value.applyAsLong("amount");
            if (amount > maxCost) {
                throw new MarketRejected(Reject.INVALID_FIELD, "max_cost", "max_cost: a buy spends exactly its amount (" + amount
                        + " centavos), above max_cost " + maxCost + "; bound the price with min_shares");
            }
        }
        if (!has.test("min_shares")) {
            return 0;
        }
        long minShares = value.applyAsLong("min_shares");
        if (minShares < 1) {
            throw new MarketRejected(Reject.INVALID_FIELD, "min_shares", "min_shares: must be at least 1 share, got " + minShares
                    + " (omit it for no bound)");
        }
        return minShares;
    }
}
