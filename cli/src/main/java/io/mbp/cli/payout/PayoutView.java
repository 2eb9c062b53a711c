package io.mbp.cli.payout;

import io.mbp.payout.Payout;
import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;

/** How an instruction is shown by {@code payouts list}, {@code show} and {@code retry}. */
record PayoutView(String instructionId, String status, String account, String payee, long amount, String origin,
                  String originRef, long attempt, String e2eid, long fee, String lastReason, String returnId) {

    static PayoutView of(Payout p) {
        return new PayoutView(p.id(), p.status().label(), p.instruction().account(), payee(p), p.amount(),
                p.instruction().origin(), p.instruction().originRef(), p.attempt(), p.e2eid(), p.fee(), p.lastReason(),
                p.returnId());
    }

    /**
     * The destination as an operator may see it: the key's type and reference; an instruction logged
     * before issue 12 holds the key in clear, which is withheld here all the same (ADR 0703).
     */
    static String payee(Payout p) {
        io.mbp.market.PixPayee x = p.instruction().payee();
        if (x.isLegacy()) {
            return "[clear key of an old log, withheld]";
        }
        return x.pixKeyType() + " " + x.pixKeyRef() + (x.pixKeyEnc() != null ? " (not the registered key)" : "");
    }

    /** One {@code field: value} line per field, in the order above, named as in the JSON. */
    void printFields(PrintWriter out) {
        try {
            for (RecordComponent c : PayoutView.class.getRecordComponents()) {
                Object v = c.getAccessor().invoke(this);
                out.printf("%-15s %s%n", c.getName().replaceAll("([A-Z])", "_$1").toLowerCase() + ":", v == null ? "-" : v);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
