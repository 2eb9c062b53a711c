package io.mbp.statement;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One line of a bank/PSP statement. {@code direction} 'C' credit to our account, 'D' debit (for a
 * reversal, the direction of the reversing entry itself, as ISO 20022 states it); {@code amount}
 * positive centavos; {@code kind} PIX_OUT, PIX_IN, RETURN or FEE. Empty strings, never null, for
 * absent e2eid/reference/counterparty. {@code lineNo} is where it was in the file. {@code status}
 * BOOKED or PENDING (only booked lines move the balance); {@code reversal} when the bank marks the
 * line as undoing an earlier one (camt.053 {@code RvslInd}).
 */
public record StatementLine(long lineNo, String lineId, String account, LocalDate bookingDate, LocalDate valueDate,
                            char direction, long amount, String e2eid, String reference, String counterparty,
                            String kind, EntryStatus status, boolean reversal) {
    public StatementLine {
        e2eid = e2eid == null ? "" : e2eid;
        reference = reference == null ? "" : reference;
        counterparty = counterparty == null ? "" : counterparty;
        Objects.requireNonNull(status, "status");
    }

    /** A booked line that is not a reversal (our CSV layout and most entries). */
    public StatementLine(long lineNo, String lineId, String account, LocalDate bookingDate, LocalDate valueDate,
                         char direction, long amount, String e2eid, String reference, String counterparty, String kind) {
        this(lineNo, lineId, account, bookingDate, valueDate, direction, amount, e2eid, reference, counterparty, kind,
                EntryStatus.BOOKED, false);
    }

    public boolean booked() {
        return status == EntryStatus.BOOKED;
    }

    /** Credit minus debit: this line's effect on the balance if booked. */
    public long signedAmount() {
        return direction == 'C' ? amount : -amount;
    }

    public StatementLine renumber(long n) {
        return new StatementLine(n, lineId, account, bookingDate, valueDate, direction, amount, e2eid, reference,
                counterparty, kind, status, reversal);
    }
}
