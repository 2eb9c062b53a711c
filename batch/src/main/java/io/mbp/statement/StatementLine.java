package io.mbp.statement;

import java.time.LocalDate;

/**
 * One booked line of a bank/PSP statement. {@code direction} 'C' credit to our account, 'D' debit;
 * {@code amount} positive centavos; {@code kind} PIX_OUT, PIX_IN, RETURN or FEE. Empty strings, never
 * null, for absent e2eid/reference/counterparty. {@code lineNo} is where it was in the file.
 */
public record StatementLine(long lineNo, String lineId, String account, LocalDate bookingDate, LocalDate valueDate,
                            char direction, long amount, String e2eid, String reference, String counterparty,
                            String kind) {
    public StatementLine {
        e2eid = e2eid == null ? "" : e2eid;
        reference = reference == null ? "" : reference;
        counterparty = counterparty == null ? "" : counterparty;
    }

    public StatementLine renumber(long n) {
        return new StatementLine(n, lineId, account, bookingDate, valueDate, direction, amount, e2eid, reference,
                counterparty, kind);
    }
}
