package io.mbp.recon;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Balance continuity of one statement day (ADR 0509), pure: opening + booked credits - booked
 * debits = closing ({@code balance_mismatch}); the closing of the previous statement = this
 * opening ({@code statement_gap}); a day between the two without a statement ({@code
 * missing_statement}); and the ledger's view of the balance against the bank's closing, less what
 * the day's item exceptions and earlier accepted ones explain ({@code ledger_balance_mismatch}).
 * Amounts are signed centavos; a balance exception's {@code statementAmount} is the absolute
 * difference and its direction says which way ('C': the bank shows more).
 */
public final class BalanceCheck {
    private BalanceCheck() {
    }

    /** The statement before this one (latest date before it), if any. */
    public record Previous(LocalDate date, String statementId, Long closing) {
    }

    /** What the service knows of the day; {@code opening}/{@code closing} null when the statement states none. */
    public record Facts(Long opening, Long closing, long bookedCredits, long bookedDebits, long pendingLines,
                        long reversalLines, Previous previous) {
    }

    /** The report's balance block: null fields were not stated or not computable. */
    public record Result(String status, Long opening, long bookedCredits, long bookedDebits, Long computedClosing,
                         Long closing, Long difference, String previousDate, Long previousClosing, Long gap,
                         List<String> missingDays, Long ledgerBalance, Long ledgerExplained, Long ledgerDifference,
                         long pendingLines, long reversalLines, List<ReconExceptionRaised> exceptions) {
        public boolean checked() {
            return "checked".equals(status);
        }
    }

    /**
     * @param ledger    the ledger's balance at the end of the day, or null without an anchor (no statement with an opening balance)
     * @param explained the part of (closing - ledger) that item exceptions explain
     */
    public static Result check(LocalDate date, String statementId, Facts f, Long ledger, long explained) {
        String d = date.toString();
        List<ReconExceptionRaised> out = new ArrayList<>();
        boolean stated = f.opening() != null && f.closing() != null;
        Long computed = null;
        Long diff = null;
        if (stated) {
            computed = f.opening() + f.bookedCredits() - f.bookedDebits();
            diff = f.closing() - computed;
            if (diff != 0) {
                out.add(raised(d, "balance_mismatch", "bal:" + statementId, diff, "opening " + money(f.opening())
                        + " + booked credits " + money(f.bookedCredits()) + " - booked debits " + money(f.bookedDebits())
                        + " = " + money(computed) + " but the statement's closing balance is " + money(f.closing())
                        + ": off by " + money(diff) + " (" + diff + " centavos)"));
            }
        }
        List<String> missing = new ArrayList<>();
        Long gap = null;
        Previous p = f.previous();
        if (p != null) {
            for (LocalDate x = p.date().plusDays(1); x.isBefore(date); x = x.plusDays(1)) {
                missing.add(x.toString());
                out.add(raised(d, "missing_statement", "nostmt:" + x, 0, "no statement was imported for " + x
                        + " between " + p.date() + " and " + date + ": import it (a missing day is never silence)"));
            }
            if (p.closing() != null && f.opening() != null) {
                gap = f.opening() - p.closing();
                if (gap != 0) {
                    out.add(raised(d, "statement_gap", "gap:" + p.statementId() + ":" + statementId, gap,
                            "the closing balance of " + p.date() + " is " + money(p.closing()) + " but the opening of "
                                    + date + " is " + money(f.opening()) + ": a gap of " + money(gap) + " ("
                                    + gap + " centavos)"));
                }
            }
        }
        Long ledgerDiff = null;
        if (ledger != null && f.closing() != null) {
            ledgerDiff = f.closing() - ledger - explained;
            if (ledgerDiff != 0) {
                out.add(raised(d, "ledger_balance_mismatch", "ledger:" + statementId + ":" + ledgerDiff, ledgerDiff,
                        "the ledger puts the account at " + money(ledger) + " and the bank's closing balance is "
                                + money(f.closing()) + "; item exceptions explain " + money(explained)
                                + ", leaving " + money(ledgerDiff) + " (" + ledgerDiff + " centavos) unexplained"));
            }
        }
        return new Result(stated ? "checked" : "not_stated", f.opening(), f.bookedCredits(), f.bookedDebits(), computed,
                f.closing(), diff, p == null ? null : p.date().toString(), p == null ? null : p.closing(), gap,
                List.copyOf(missing), ledger, ledger == null ? null : explained, ledgerDiff, f.pendingLines(),
                f.reversalLines(), List.copyOf(out));
    }

    private static ReconExceptionRaised raised(String date, String kind, String key, long diff, String detail) {
        return Matcher.raised(date, kind, key, "", diff < 0 ? 'D' : 'C', 0, Math.abs(diff), "", "", "", detail);
    }

    /** Signed reais with two places, for details and the text report. */
    public static String money(long centavos) {
        return BigDecimal.valueOf(centavos, 2).toPlainString();
    }
}
