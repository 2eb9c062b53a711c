package io.mbp.payout;

import java.util.List;

/**
 * Every source of payout instructions, in one place. The market engine's settlement payouts are
 * wired here at merge: add {@code new SettlementOrigin()} mapping its payout event (same shape as
 * {@link WithdrawalOrigin}, id prefix {@code po-s-}).
 */
public final class PayoutOrigins {
    public static final List<PayoutOrigin> ALL = List.of(
            new WithdrawalOrigin());

    private PayoutOrigins() {
    }
}
