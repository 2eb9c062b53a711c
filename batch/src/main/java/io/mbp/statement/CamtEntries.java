package io.mbp.statement;

import static io.mbp.statement.StatementFormat.bad;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link Camt053} keeps of a camt.053 (.02 or .08) while it streams: the account, the balances,
 * the transaction summary and the entries, each entry turned into lines when it ends. Paths are
 * relative to {@code Document/BkToCstmrStmt}; the two versions differ only where noted.
 */
final class CamtEntries {
    private static final String ROOT = "Document/BkToCstmrStmt/";
    private static final String NTRY = "Stmt/Ntry/";
    private static final String TX = "Stmt/Ntry/NtryDtls/TxDtls/";

    private final String source;
    private final InputLimits limits;
    String version;
    String account;
    final List<StatementBalance> balances = new ArrayList<>();
    private final List<StatementLine> lines = new ArrayList<>();
    private int statements;
    private Bal bal;
    private Entry entry;
    private Detail detail;
    /** Entries as (booked, direction, amount), for the TxsSummry check. */
    private final List<long[]> entries = new ArrayList<>();
    private final Map<String, String> summary = new HashMap<>();
    private final Map<String, Long> summaryAt = new HashMap<>();

    CamtEntries(String source, InputLimits limits) {
        this.source = source;
        this.limits = limits;
    }

    List<StatementLine> lines() {
        return lines;
    }

    private static final class Bal {
        long line;
        String code;
        String amt;
        String ccy;
        String cdt;
        String date;
    }

    private static final class Entry {
        long line;
        String ref;
        String amt;
        String ccy;
        String cdt;
        String rvsl;
        String sts;
        String booking;
        String value;
        String kind;
        boolean batch;
        final List<Detail> details = new ArrayList<>();
    }

    private static final class Detail {
        long line;
        String instrId;
        String e2e;
        String amt;
        String ccy;
        String cdt;
        String kind;
        String party;
    }

    void start(String fullPath, String name, String ccy, long line) {
        String p = fullPath.startsWith(ROOT) ? fullPath.substring(ROOT.length()) : fullPath;
        switch (p) {
            case "Stmt" -> {
                if (++statements > 1) {
                    throw new BadInputException(source + ": line " + line
                            + ": a second Stmt: one statement (one account, one day) per file; nothing was imported");
                }
            }
            case "Stmt/Bal" -> {
                bal = new Bal();
                bal.line = line;
            }
            case "Stmt/Bal/Amt" -> bal.ccy = ccy;
            case "Stmt/Ntry" -> {
                if (lines.size() >= limits.maxLines()) {
                    throw new BadInputException(source + ": line " + line + ": more than the limit of "
                            + String.format("%,d", limits.maxLines()) + " entries for one statement (ADR 0507); nothing was imported");
                }
                entry = new Entry();
                entry.line = line;
            }
            case "Stmt/Ntry/Amt" -> entry.ccy = ccy;
            case "Stmt/Ntry/NtryDtls/Btch" -> entry.batch = true;
            case "Stmt/Ntry/NtryDtls/TxDtls" -> {
                detail = new Detail();
                detail.line = line;
            }
            case TX + "Amt", TX + "AmtDtls/TxAmt/Amt" -> {
                if (detail.ccy == null) {
                    detail.ccy = ccy;
                }
            }
            default -> {
                if (p.startsWith("Stmt/TxsSummry/")) {
                    summaryAt.put(p.substring("Stmt/TxsSummry/".length()), line);
                }
            }
        }
    }

    void end(String fullPath, String t, long line) {
        String p = fullPath.startsWith(ROOT) ? fullPath.substring(ROOT.length()) : fullPath;
        switch (p) {
            case "Stmt/Acct/Id/Othr/Id", "Stmt/Acct/Id/IBAN" -> account = t;
            case "Stmt/Acct/Ccy" -> {
                if (!"BRL".equals(t)) {
                    throw bad(source, line, "Acct/Ccy", "must be BRL, got " + t);
                }
            }
            case "Stmt/Bal/Tp/CdOrPrtry/Cd" -> bal.code = t;
            case "Stmt/Bal/Amt" -> bal.amt = t;
            case "Stmt/Bal/CdtDbtInd" -> bal.cdt = t;
            case "Stmt/Bal/Dt/Dt", "Stmt/Bal/Dt/DtTm" -> bal.date = t.length() >= 10 ? t.substring(0, 10) : t;
            case "Stmt/Bal" -> balance();
            case NTRY + "NtryRef" -> entry.ref = t;
            case NTRY + "Amt" -> entry.amt = t;
            case NTRY + "CdtDbtInd" -> entry.cdt = t;
            case NTRY + "RvslInd" -> entry.rvsl = t;
            case NTRY + "Sts/Cd", NTRY + "Sts/Prtry" -> entry.sts = t;
            case NTRY + "Sts" -> {
                if (!t.isEmpty()) {
                    entry.sts = t; // .02: EntryStatus2Code is the element's text
                }
            }
            case NTRY + "BookgDt/Dt", NTRY + "BookgDt/DtTm" -> entry.booking = t.length() >= 10 ? t.substring(0, 10) : t;
            case NTRY + "ValDt/Dt", NTRY + "ValDt/DtTm" -> entry.value = t.length() >= 10 ? t.substring(0, 10) : t;
            case NTRY + "BkTxCd/Prtry/Cd" -> entry.kind = t;
            case TX + "Refs/InstrId" -> detail.instrId = t;
            case TX + "RmtInf/Ustrd" -> {
                if (detail.instrId == null) {
                    detail.instrId = t; // a reference too long for InstrId (Camt053Writer)
                }
            }
            case TX + "Refs/EndToEndId" -> detail.e2e = t;
            case TX + "Amt" -> detail.amt = t;
            case TX + "AmtDtls/TxAmt/Amt" -> {
                if (detail.amt == null) {
                    detail.amt = t;
                }
            }
            case TX + "CdtDbtInd" -> detail.cdt = t;
            case TX + "BkTxCd/Prtry/Cd" -> detail.kind = t;
            case TX + "RltdPties/Dbtr/Pty/Nm", TX + "RltdPties/Cdtr/Pty/Nm", TX + "RltdPties/Dbtr/Nm",
                 TX + "RltdPties/Cdtr/Nm" -> detail.party = t;
            case "Stmt/Ntry/NtryDtls/TxDtls" -> entry.details.add(detail);
            case "Stmt/Ntry" -> entry();
            default -> {
                if (p.startsWith("Stmt/TxsSummry/")) {
                    summary.put(p.substring("Stmt/TxsSummry/".length()), t);
                }
            }
        }
    }

    private void balance() {
        BalanceType type = BalanceType.ofCode(bal.code);
        if (type == null) {
            return; // available balances (OPAV, CLAV, ...) and proprietary types are not what we reconcile
        }
        if (!"BRL".equals(bal.ccy)) {
            throw bad(source, bal.line, "Bal/Amt/@Ccy", "must be BRL, got " + bal.ccy);
        }
        long c = centavos(bal.line, "Bal/Amt", bal.amt, true);
        LocalDate d = StatementFormat.date(source, bal.line, "Bal/Dt", bal.date);
        if (balances.stream().anyMatch(b -> b.type() == type && type != BalanceType.INTERIM_BOOKED)) {
            throw bad(source, bal.line, "Bal/Tp", "a second " + type.code() + " balance: one statement states one");
        }
        balances.add(new StatementBalance(type, "DBIT".equals(bal.cdt) ? -c : c, d));
        bal = null;
    }

    private long centavos(long line, String field, String amt, boolean zeroOk) {
        try {
            long c = new BigDecimal(amt == null ? "" : amt).movePointRight(2).longValueExact();
            if (c < 0 || c == 0 && !zeroOk) {
                throw bad(source, line, field, "must be positive, got " + amt);
            }
            return c;
        } catch (NumberFormatException | ArithmeticException x) {
            throw bad(source, line, field, "must be a decimal amount with at most 2 places, got '" + amt + "'");
        }
    }

    private void entry() {
        Entry e = entry;
        entry = null;
        if (account == null) {
            throw bad(source, e.line, "Acct/Id/Othr/Id", "the statement names no account before its entries");
        }
        if (!"BRL".equals(e.ccy)) {
            throw bad(source, e.line, "Amt/@Ccy", "must be BRL, got " + e.ccy);
        }
        long amount = centavos(e.line, "Amt", e.amt, false);
        EntryStatus status = EntryStatus.ofCode(e.sts);
        if (status == null) {
            throw bad(source, e.line, "Sts", "must be BOOK or PDNG, got '" + e.sts + "' (INFO and FUTR entries are not statement lines)");
        }
        boolean reversal = "true".equals(e.rvsl) || "1".equals(e.rvsl);
        String dir = "CRDT".equals(e.cdt) ? "C" : "D";
        String value = e.value == null ? e.booking : e.value;
        String kind = e.kind == null ? "" : e.kind.toUpperCase(Locale.ROOT);
        entries.add(new long[] {status == EntryStatus.BOOKED ? 1 : 0, dir.charAt(0), amount});
        if (!e.batch && e.details.size() <= 1) {
            Detail d = e.details.isEmpty() ? new Detail() : e.details.get(0);
            if (d.amt != null && centavos(d.line, "TxDtls/Amt", d.amt, false) != amount) {
                throw bad(source, d.line, "TxDtls/Amt", d.amt + " differs from the entry's Amt " + e.amt);
            }
            add(e.line, e.ref, dir, amount, d, kind, value, e.booking, status, reversal);
            return;
        }
        long sum = 0;
        for (int i = 0; i < e.details.size(); i++) {
            Detail d = e.details.get(i);
            if (d.amt == null) {
                throw bad(source, d.line, "TxDtls/Amt", "a batched entry names each transaction's amount");
            }
            if (d.cdt != null && !d.cdt.equals(e.cdt)) {
                throw bad(source, d.line, "TxDtls/CdtDbtInd", "is " + d.cdt + " in a " + e.cdt + " entry");
            }
            long a = centavos(d.line, "TxDtls/Amt", d.amt, false);
            sum += a;
            add(d.line, e.ref == null ? null : e.ref + "/" + (i + 1), dir, a, d, kind, value, e.booking, status, reversal);
        }
        if (sum != amount) {
            throw bad(source, e.line, "Amt", "is " + e.amt + " but its " + e.details.size() + " TxDtls add up to "
                    + Camt053Writer.decimal(sum));
        }
    }

    private void add(long line, String id, String dir, long amount, Detail d, String entryKind, String value,
                     String booking, EntryStatus status, boolean reversal) {
        String kind = d.kind == null ? entryKind : d.kind.toUpperCase(Locale.ROOT);
        StatementLine l = StatementFormat.line(source, line, account, booking, value, id, dir, amount, d.e2e, d.instrId,
                d.party, kind);
        lines.add(new StatementLine(l.lineNo(), l.lineId(), l.account(), l.bookingDate(), l.valueDate(), l.direction(),
                l.amount(), l.e2eid(), l.reference(), l.counterparty(), l.kind(), status, reversal));
    }

    /** TxsSummry agrees with the booked entries (or, as some banks count, with all of them). */
    void checkSummary() {
        if (summary.isEmpty()) {
            return;
        }
        String booked = disagreement(true);
        if (booked != null && disagreement(false) != null) {
            String[] f = booked.split("\\|", 2);
            throw bad(source, summaryAt.getOrDefault(f[0], 0L), "TxsSummry/" + f[0], f[1]);
        }
    }

    private String disagreement(boolean bookedOnly) {
        long nC = 0;
        long nD = 0;
        long sC = 0;
        long sD = 0;
        for (long[] e : entries) {
            if (bookedOnly && e[0] == 0) {
                continue;
            }
            if (e[1] == 'C') {
                nC++;
                sC += e[2];
            } else {
                nD++;
                sD += e[2];
            }
        }
        long net = sC - sD;
        String what = bookedOnly ? "the booked entries" : "the entries";
        String[][] checks = {
            {"TtlNtries/NbOfNtries", Long.toString(nC + nD), "count"},
            {"TtlNtries/Sum", Camt053Writer.decimal(sC + sD), "sum"},
            {"TtlNtries/TtlNetNtry/Amt", Camt053Writer.decimal(Math.abs(net)), "sum"},
            {"TtlNtries/TtlNetNtry/CdtDbtInd", net < 0 ? "DBIT" : "CRDT", "code"},
            {"TtlNtries/TtlNetNtryAmt", Camt053Writer.decimal(Math.abs(net)), "sum"},
            {"TtlNtries/CdtDbtInd", net < 0 ? "DBIT" : "CRDT", "code"},
            {"TtlCdtNtries/NbOfNtries", Long.toString(nC), "count"},
            {"TtlCdtNtries/Sum", Camt053Writer.decimal(sC), "sum"},
            {"TtlDbtNtries/NbOfNtries", Long.toString(nD), "count"},
            {"TtlDbtNtries/Sum", Camt053Writer.decimal(sD), "sum"},
        };
        for (String[] c : checks) {
            String stated = summary.get(c[0]);
            if (stated == null || net == 0 && c[2].equals("code")) {
                continue;
            }
            boolean same = c[2].equals("sum") ? new BigDecimal(stated).compareTo(new BigDecimal(c[1])) == 0
                    : c[2].equals("count") ? Long.parseLong(stated) == Long.parseLong(c[1]) : stated.equals(c[1]);
            if (!same) {
                return c[0] + "|says " + stated + " but " + what + " give " + c[1];
            }
        }
        return null;
    }
}
