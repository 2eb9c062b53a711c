package io.mbp.recon;

import io.mbp.statement.StatementLine;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets aside the reversal pairs of a statement before matching (ADR 0509): a line the bank marks as
 * a reversal (camt.053 {@code RvslInd}) undoes the latest earlier line of the opposite direction,
 * same amount and same E2EID (or reference, when it has no E2EID). Both still move the balance;
 * neither is a ledger movement. A reversal that undoes no line stays, and is reconciled as any line.
 */
public final class Reversals {
    private Reversals() {
    }

    public record Paired(List<StatementLine> lines, List<StatementLine> setAside) {
    }

    public static Paired pair(List<StatementLine> lines) {
        boolean[] gone = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            StatementLine r = lines.get(i);
            if (!r.reversal()) {
                continue;
            }
            for (int j = i - 1; j >= 0; j--) {
                StatementLine o = lines.get(j);
                if (!gone[j] && !o.reversal() && o.direction() != r.direction() && o.amount() == r.amount() && sameIds(o, r)) {
                    gone[i] = true;
                    gone[j] = true;
                    break;
                }
            }
        }
        List<StatementLine> kept = new ArrayList<>();
        List<StatementLine> aside = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            (gone[i] ? aside : kept).add(lines.get(i));
        }
        return new Paired(List.copyOf(kept), List.copyOf(aside));
    }

    private static boolean sameIds(StatementLine o, StatementLine r) {
        return !r.e2eid().isEmpty() ? r.e2eid().equals(o.e2eid()) : !r.reference().isEmpty() && r.reference().equals(o.reference());
    }
}
