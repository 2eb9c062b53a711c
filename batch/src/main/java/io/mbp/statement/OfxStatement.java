package io.mbp.statement;

import io.mbp.input.InputLimits;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One OFX statement response read from {@link OfxTokenizer} events: the account
 * ({@code BANKACCTFROM}), the entries ({@code STMTTRN}), the closing booked balance
 * ({@code LEDGERBAL}), the available balance ({@code AVAILBAL}, checked, not kept: the model has
 * booked balances only) and the opening booked balance ({@code BALLIST/BAL} named {@code OPBD}, as we
 * write it; OFX itself has none). Elements we do not use are skipped (ADR 0511).
 */
final class OfxStatement {
    private final String source;
    private final InputLimits limits;
    private final OfxTokenizer t;
    private final List<String> path = new ArrayList<>();
    private final List<StatementLine> lines = new ArrayList<>();
    private final Map<String, OfxTokenizer.Leaf> acct = new HashMap<>();
    private Map<String, OfxTokenizer.Leaf> txn;
    private long txnLine;
    private Map<String, OfxTokenizer.Leaf> bal;
    private StatementBalance closing;
    private StatementBalance opening;
    private int statements;
    private long lastLine;

    OfxStatement(String source, InputLimits limits, OfxTokenizer t) {
        this.source = source;
        this.limits = limits;
        this.t = t;
    }

    Statement read() {
        OfxTokenizer.Event e;
        while ((e = t.next()) != null) {
            lastLine = e.line();
            switch (e) {
                case OfxTokenizer.Start s -> start(s);
                case OfxTokenizer.Leaf l -> leaf(l);
                case OfxTokenizer.End end -> end(end);
                case OfxTokenizer.Instruction i -> throw t.bad(i.line(), "a processing instruction after the OFX header");
            }
        }
        if (statements == 0) {
            throw t.bad(lastLine, "no <STMTRS> (bank statement response) in the file");
        }
        if (closing == null) {
            throw t.bad(lastLine, "the statement has no <LEDGERBAL> (closing booked balance)");
        }
        String account = account();
        List<StatementLine> withAccount = new ArrayList<>(lines.size());
        for (StatementLine l : lines) {
            withAccount.add(new StatementLine(l.lineNo(), l.lineId(), account, l.bookingDate(), l.valueDate(), l.direction(),
                    l.amount(), l.e2eid(), l.reference(), l.counterparty(), l.kind()));
        }
        StatementFormat.uniqueLineIds(source, withAccount);
        List<StatementBalance> balances = opening == null ? List.of(closing) : List.of(opening, closing);
        if (withAccount.isEmpty()) {
            // A day without movements is still a statement: its balances carry the continuity.
            return new Statement(account, closing.date(), List.of(), balances);
        }
        return StatementFormat.whole(source, withAccount).withBalances(balances);
    }

    private String where() {
        return String.join("/", path);
    }

    private void start(OfxTokenizer.Start s) {
        if (path.isEmpty() && !"OFX".equals(s.name())) {
            throw t.bad(s.line(), "the root element is <" + s.name() + ">, not <OFX>");
        }
        path.add(s.name());
        String p = where();
        if (txn != null && "STMTTRN".equals(s.name())) {
            throw t.bad(s.line(), "<STMTTRN> inside the <STMTTRN> opened on line " + txnLine + ", which is not closed");
        }
        if (p.endsWith("/STMTRS")) {
            if (++statements > 1) {
                throw t.bad(s.line(), "a second <STMTRS>: one statement file holds one account's day");
            }
        } else if (p.endsWith("STMTRS/BANKTRANLIST/STMTTRN")) {
            if (lines.size() >= limits.maxLines()) {
                throw t.bad(s.line(), "more than the limit of " + String.format("%,d", limits.maxLines())
                        + " entries for one statement (ADR 0507)");
            }
            txn = new HashMap<>();
            txnLine = s.line();
        } else if (p.endsWith("STMTRS/LEDGERBAL") || p.endsWith("STMTRS/AVAILBAL") || p.endsWith("STMTRS/BALLIST/BAL")) {
            bal = new HashMap<>();
        }
    }

    private void leaf(OfxTokenizer.Leaf l) {
        if (path.isEmpty()) {
            throw t.bad(l.line(), "the root element is <" + l.name() + ">, not <OFX>");
        }
        String p = where();
        if (txn != null && p.endsWith("/STMTTRN")) {
            keep(txn, l);
        } else if (bal != null) {
            keep(bal, l);
        } else if (p.endsWith("STMTRS/BANKACCTFROM")) {
            keep(acct, l);
        } else if (p.endsWith("STMTRS") && "CURDEF".equals(l.name()) && !"BRL".equals(l.value())) {
            throw t.bad(l.line(), "CURDEF must be BRL, got '" + l.value() + "'");
        } else if (p.endsWith("STMTTRNRS/STATUS") && "CODE".equals(l.name()) && !"0".equals(l.value())) {
            throw t.bad(l.line(), "the bank answered status " + l.value() + ", not 0 (success): no statement");
        }
    }

    private void keep(Map<String, OfxTokenizer.Leaf> m, OfxTokenizer.Leaf l) {
        if (m.put(l.name(), l) != null) {
            throw t.bad(l.line(), "<" + l.name() + "> twice in one <" + path.get(path.size() - 1) + ">");
        }
    }

    private void end(OfxTokenizer.End e) {
        String p = where();
        if (txn != null && p.endsWith("STMTRS/BANKTRANLIST/STMTTRN")) {
            lines.add(entry(txn, e.line()));
            txn = null;
        } else if (bal != null && p.endsWith("STMTRS/LEDGERBAL")) {
            closing = new StatementBalance(BalanceType.CLOSING_BOOKED, Ofx.centavos(t, need(bal, "BALAMT", e)),
                    Ofx.date(t, need(bal, "DTASOF", e)));
            bal = null;
        } else if (bal != null && p.endsWith("STMTRS/AVAILBAL")) {
            Ofx.centavos(t, need(bal, "BALAMT", e));
            Ofx.date(t, need(bal, "DTASOF", e));
            bal = null;
        } else if (bal != null && p.endsWith("STMTRS/BALLIST/BAL")) {
            OfxTokenizer.Leaf name = need(bal, "NAME", e);
            if ("OPBD".equals(name.value())) {
                opening = new StatementBalance(BalanceType.OPENING_BOOKED, Ofx.centavos(t, need(bal, "VALUE", e)),
                        Ofx.date(t, need(bal, "DTASOF", e)));
            }
            bal = null;
        }
        path.remove(path.size() - 1);
    }

    private OfxTokenizer.Leaf need(Map<String, OfxTokenizer.Leaf> m, String name, OfxTokenizer.Event at) {
        OfxTokenizer.Leaf l = m.get(name);
        if (l == null) {
            throw t.bad(at.line(), "<" + path.get(path.size() - 1) + "> closed here has no <" + name + ">");
        }
        return l;
    }

    private StatementLine entry(Map<String, OfxTokenizer.Leaf> m, long endLine) {
        OfxTokenizer.End at = new OfxTokenizer.End("STMTTRN", endLine);
        OfxTokenizer.Leaf type = need(m, "TRNTYPE", at);
        String kind = Ofx.KIND_BY_TYPE.get(type.value());
        if (kind == null) {
            throw t.bad(type.line(), "TRNTYPE " + type.value() + " is none of " + Ofx.KIND_BY_TYPE.keySet().stream()
                    .sorted().toList() + " (ADR 0511)");
        }
        OfxTokenizer.Leaf amt = need(m, "TRNAMT", at);
        long signed = Ofx.centavos(t, amt);
        if (signed == 0) {
            throw t.bad(amt.line(), "TRNAMT must not be zero");
        }
        LocalDate posted = Ofx.date(t, need(m, "DTPOSTED", at));
        LocalDate avail = m.containsKey("DTAVAIL") ? Ofx.date(t, m.get("DTAVAIL")) : posted;
        long line = need(m, "FITID", at).line();
        String account = "-"; // set from BANKACCTFROM once the whole statement is read
        return StatementFormat.line(source, line, account, posted.toString(), avail.toString(), m.get("FITID").value(),
                signed < 0 ? "D" : "C", Math.abs(signed), value(m, "REFNUM"), value(m, "MEMO"), value(m, "NAME"), kind);
    }

    private static String value(Map<String, OfxTokenizer.Leaf> m, String name) {
        OfxTokenizer.Leaf l = m.get(name);
        return l == null ? "" : l.value();
    }

    private String account() {
        OfxTokenizer.Leaf bank = acct.get("BANKID");
        OfxTokenizer.Leaf branch = acct.get("BRANCHID");
        OfxTokenizer.Leaf number = acct.get("ACCTID");
        if (bank == null || number == null) {
            throw t.bad(lastLine, "<BANKACCTFROM> names no BANKID or ACCTID");
        }
        return bank.value() + "-" + (branch == null ? "" : branch.value()) + "-" + number.value();
    }
}
