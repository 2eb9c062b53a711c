package io.mbp.recon;

import java.time.LocalDate;

/**
 * A movement the ledger expects on our PSP account: 'C' money in (deposit, devolução), 'D' money
 * out (payout, fee). {@code carried} marks an earlier day's movement that may still be booked late;
 * it can absorb a line by id but is never reported missing again.
 */
public record Movement(String key, LocalDate date, char direction, long amount, String e2eid, String reference,
                       String counterparty, String kind, boolean carried) {
    public Movement {
        e2eid = e2eid == null ? "" : e2eid;
        reference = reference == null ? "" : reference;
        counterparty = counterparty == null ? "" : counterparty;
    }

    public Movement withAmount(long a) {
        return new Movement(key, date, direction, a, e2eid, reference, counterparty, kind, carried);
    }

    public Movement carriedOver() {
        return new Movement(key, date, direction, amount, e2eid, reference, counterparty, kind, true);
    }
}
