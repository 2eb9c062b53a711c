package io.mbp.market;

import io.mbp.events.EventPayload;

/**
 * The market engine's event family: markets, cash movements and trades. Amounts are integer
 * centavos, shares integer share units, fees basis points.
 */
public sealed interface MarketEvent extends EventPayload
        permits MarketCreated, DepositReceived, OrderFilled, WithdrawalRequested {
    /** The market or account stream this event belongs to. */
    String streamId();
}
