package io.mbp.market;

import io.mbp.events.EventPayload;

/**
 * The market engine's event family: markets, cash movements, trades, liquidity, halts and
 * settlement. Amounts are integer centavos, shares integer share units (one share pays one
 * centavo if its outcome wins), fees basis points.
 */
public sealed interface MarketEvent extends EventPayload
        permits MarketCreated, DepositReceived, OrderFilled, WithdrawalRequested, LiquidityAdded,
        LiquidityRemoved, HaltChanged, MarketSettled, SettlementPayout, MarketParamsApplied {
    /** The market or account stream this event belongs to. */
    String streamId();
}
