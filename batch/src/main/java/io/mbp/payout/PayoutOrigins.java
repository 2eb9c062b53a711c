package io.mbp.payout;

import java.util.List;

/**
 * Every source of payout instructions, in one place: withdrawals ({@code po-w-}) and market
 * settlement payouts ({@code po-s-}, paid to the account's PIX key on file).
 */
public final class PayoutOrigins {
    /** Origins that need nothing but the event. */
    public static final List<PayoutOrigin> ALL = List.of(
            new WithdrawalOrigin(), new SettlementOrigin(new PixKeys(java.util.Map.of())));

    /** Every origin, with the PIX keys on file in the log. */
    public static List<PayoutOrigin> all(io.mbp.sql.Database db) {
        return List.of(new WithdrawalOrigin(), new SettlementOrigin(PixKeys.fromLog(db)));
    }

    private PayoutOrigins() {
    }
}
