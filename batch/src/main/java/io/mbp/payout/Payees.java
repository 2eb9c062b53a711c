package io.mbp.payout;

/** The two questions a payouts run asks about each payee: may we pay it ({@link PayoutGate}), and to which key ({@link PayeeKeys}). */
public record Payees(PayoutGate gate, PayeeKeys keys) {
}
