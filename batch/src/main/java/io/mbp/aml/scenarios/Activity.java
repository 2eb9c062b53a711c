package io.mbp.aml.scenarios;

/**
 * What the scenarios read of a day: the money and trading events of the log, reduced to what a rule
 * looks at (amounts in centavos, shares in share units). {@code seq} is the event's place in the log,
 * so an alert can name its evidence. PIX keys only as keyed references ({@code pixKeyRef}, may be null
 * for events logged before issue 12, which such rules skip).
 */
public sealed interface Activity {
    long seq();

    long epochSecond();

    String account();

    record Deposit(long seq, long epochSecond, String account, long amount) implements Activity {
    }

    record Withdrawal(long seq, long epochSecond, String account, long amount, String pixKeyRef) implements Activity {
    }

    /** A payout instruction (withdrawal or settlement) to a PIX key reference. */
    record Payout(long seq, long epochSecond, String account, long amount, String pixKeyRef) implements Activity {
    }

    /** A filled order: {@code buy} true for a buy; {@code cost} centavos paid or received. */
    record Trade(long seq, long epochSecond, String account, String market, String outcome, boolean buy, long shares, long cost)
            implements Activity {
    }
}
