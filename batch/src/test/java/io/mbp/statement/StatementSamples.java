package io.mbp.statement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Small statements for the layout tests (fictional account and ids). */
final class StatementSamples {
    static final String ACCOUNT = "60701190-0001-000123456";
    static final LocalDate DAY = LocalDate.parse("2026-11-27");

    private StatementSamples() {
    }

    static StatementLine line(int n, char dir, long amount, String e2eid, String ref, String party, String kind) {
        return new StatementLine(n, String.format("L%06d", n), ACCOUNT, DAY, DAY, dir, amount, e2eid, ref, party, kind);
    }

    /** One line of each kind, a reversal, and opening/closing balances that add up. */
    static Statement day() {
        List<StatementLine> lines = new ArrayList<>();
        lines.add(line(1, 'D', 3000, "E60701190202611272000ZOTNIOH2EQL", "", "acct-0168", "PIX_OUT"));
        lines.add(line(2, 'D', 10, "", "FEE-po-w-wd-00030", "PSP", "FEE"));
        lines.add(line(3, 'C', 100045, "E9040088820261127091469QTSTRVTP6", "", "acct-0148", "PIX_IN"));
        lines.add(line(4, 'C', 7500, "D607011902026112720009C3IZ3RQANZ", "", "acct-0102", "RETURN"));
        StatementLine r = line(5, 'C', 3000, "E60701190202611272000ZOTNIOH2EQL", "", "acct-0168", "PIX_OUT");
        lines.add(new StatementLine(5, r.lineId(), ACCOUNT, DAY, DAY.plusDays(1), 'C', 3000, r.e2eid(), "", r.counterparty(),
                "PIX_OUT", EntryStatus.BOOKED, true));
        long opening = -2500;
        long net = 100045 + 7500 + 3000 - 3000 - 10;
        return new Statement(ACCOUNT, DAY, lines, List.of(new StatementBalance(BalanceType.OPENING_BOOKED, opening, DAY),
                new StatementBalance(BalanceType.CLOSING_BOOKED, opening + net, DAY)));
    }

    /** Equal statements; line numbers say where a line was in its file, so they are compared by position. */
    static Statement byPosition(Statement s) {
        List<StatementLine> lines = new ArrayList<>();
        for (int i = 0; i < s.lines().size(); i++) {
            lines.add(s.lines().get(i).renumber(i + 1));
        }
        return new Statement(s.account(), s.date(), lines, s.balances());
    }
}
