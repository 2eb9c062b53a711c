package io.mbp.recon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mbp.error.BadInputException;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The per-date recon report in text, CSV (one row per exception, summary in a header block) and JSON. */
public final class ReconReports {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ReconReports() {
    }

    public static String text(ReconService.Report r) {
        StringBuilder sb = new StringBuilder();
        sb.append("recon ").append(r.date()).append(" against statement ").append(r.statementId(), 0, 12).append("...\n");
        sb.append(String.format("  statement lines   %d%n", r.lines()));
        sb.append(String.format("  expected (ledger) %d movements%n", r.expected()));
        sb.append(String.format("  matched           %d lines, R$ %s%n", r.matchedLines(),
                BigDecimal.valueOf(r.matchedAmount(), 2).toPlainString()));
        sb.append(String.format("  exceptions        %d open, %d resolved%n", r.open(), r.resolved()));
        r.byKind().forEach((k, c) -> sb.append(String.format("    %-16s %d open / %d%n", k, c[0], c[1])));
        sb.append(String.format("  match rate        %s%%%n", r.rate()));
        BalanceCheck.Result b = r.balance();
        if (b != null) {
            sb.append("  balances          ").append(b.checked() ? "checked" : "not stated by the statement").append('\n');
            if (b.checked()) {
                sb.append(String.format("    opening %s + credits %s - debits %s = %s; closing %s (difference %s)%n",
                        BalanceCheck.money(b.opening()), BalanceCheck.money(b.bookedCredits()),
                        BalanceCheck.money(b.bookedDebits()), BalanceCheck.money(b.computedClosing()),
                        BalanceCheck.money(b.closing()), BalanceCheck.money(b.difference())));
            }
            if (b.previousDate() != null) {
                sb.append(String.format("    previous statement %s closing %s, gap %s, missing days %s%n", b.previousDate(),
                        b.previousClosing() == null ? "not stated" : BalanceCheck.money(b.previousClosing()),
                        b.gap() == null ? "-" : BalanceCheck.money(b.gap()), b.missingDays().isEmpty() ? "none" : b.missingDays()));
            }
            if (b.ledgerBalance() != null) {
                sb.append(String.format("    ledger %s, explained by item exceptions %s, unexplained %s%n",
                        BalanceCheck.money(b.ledgerBalance()), BalanceCheck.money(b.ledgerExplained()),
                        b.ledgerDifference() == null ? "-" : BalanceCheck.money(b.ledgerDifference())));
            }
            if (b.pendingLines() > 0 || b.reversalLines() > 0) {
                sb.append(String.format("    %d pending line(s) not reconciled, %d reversal line(s) set aside in pairs%n",
                        b.pendingLines(), b.reversalLines()));
            }
        }
        return sb.toString();
    }

    public static String csv(ReconService.Report r) {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
            BalanceCheck.Result b = r.balance();
            p.printRecord("date", "statement_id", "lines", "expected", "matched_lines", "matched_amount_centavos",
                    "open", "resolved", "match_rate", "balance_status", "opening_balance", "closing_balance",
                    "balance_difference", "previous_closing", "gap", "missing_days", "ledger_balance",
                    "ledger_difference", "pending_lines", "reversal_lines");
            p.printRecord(r.date(), r.statementId(), r.lines(), r.expected(), r.matchedLines(), r.matchedAmount(),
                    r.open(), r.resolved(), r.rate(), b == null ? "" : b.status(), b == null ? null : b.opening(),
                    b == null ? null : b.closing(), b == null ? null : b.difference(), b == null ? null : b.previousClosing(),
                    b == null ? null : b.gap(), b == null ? "" : String.join(" ", b.missingDays()),
                    b == null ? null : b.ledgerBalance(), b == null ? null : b.ledgerDifference(),
                    b == null ? 0 : b.pendingLines(), b == null ? 0 : b.reversalLines());
            p.println();
            p.printRecord("exception_id", "kind", "direction", "expected_amount", "statement_amount", "e2eid",
                    "reference", "counterparty", "status", "author", "note", "detail");
            for (ReconService.ExceptionView v : r.exceptions()) {
                ReconExceptionRaised x = v.raised();
                p.printRecord(x.exceptionId(), x.kind(), x.direction(), x.expectedAmount(), x.statementAmount(), x.e2eid(),
                        x.reference(), x.counterparty(), v.open() ? "open" : v.resolution().action(),
                        v.open() ? "" : v.resolution().author(), v.open() ? "" : v.resolution().note(), x.detail());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    public static String json(ReconService.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", r.date());
        m.put("statement_id", r.statementId());
        m.put("lines", r.lines());
        m.put("expected", r.expected());
        m.put("matched_lines", r.matchedLines());
        m.put("matched_amount", r.matchedAmount());
        m.put("open", r.open());
        m.put("resolved", r.resolved());
        m.put("match_rate", r.rate());
        Map<String, Object> kinds = new LinkedHashMap<>();
        r.byKind().forEach((k, c) -> kinds.put(k, Map.of("open", c[0], "total", c[1])));
        m.put("exceptions_by_kind", kinds);
        Map<String, Long> rules = new java.util.TreeMap<>();
        for (Matcher.Match x : r.matches()) {
            rules.merge(x.rule(), 1L, Long::sum);
        }
        m.put("matches_by_rule", rules);
        m.put("balance", balance(r.balance()));
        m.put("exceptions", r.exceptions().stream().map(ReconReports::view).toList());
        try {
            return JSON.writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The balance block of the JSON report (ADR 0509): signed centavos, null when not stated or not computable. */
    static Map<String, Object> balance(BalanceCheck.Result b) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (b == null) {
            m.put("status", "not_checked");
            return m;
        }
        m.put("status", b.status());
        m.put("opening", b.opening());
        m.put("booked_credits", b.bookedCredits());
        m.put("booked_debits", b.bookedDebits());
        m.put("computed_closing", b.computedClosing());
        m.put("closing", b.closing());
        m.put("difference", b.difference());
        m.put("previous_date", b.previousDate());
        m.put("previous_closing", b.previousClosing());
        m.put("gap", b.gap());
        m.put("missing_days", b.missingDays());
        m.put("ledger_balance", b.ledgerBalance());
        m.put("ledger_explained", b.ledgerExplained());
        m.put("ledger_difference", b.ledgerDifference());
        m.put("pending_lines", b.pendingLines());
        m.put("reversal_lines", b.reversalLines());
        return m;
    }

    public static Map<String, Object> view(ReconService.ExceptionView v) {
        ReconExceptionRaised x = v.raised();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exception_id", x.exceptionId());
        m.put("date", x.date());
        m.put("kind", x.kind());
        m.put("direction", x.direction());
        m.put("movement_key", x.movementKey());
        m.put("line_id", x.lineId());
        m.put("expected_amount", x.expectedAmount());
        m.put("statement_amount", x.statementAmount());
        m.put("e2eid", x.e2eid());
        m.put("reference", x.reference());
        m.put("counterparty", x.counterparty());
        m.put("detail", x.detail());
        m.put("status", v.open() ? "open" : v.resolution().action());
        m.put("author", v.open() ? null : v.resolution().author());
        m.put("note", v.open() ? null : v.resolution().note());
        return m;
    }

    /** Writes the report as {@code recon-DATE.txt}, {@code .csv} and {@code .json} into {@code dir}. */
    public static void write(Path dir, ReconService.Report r) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("recon-" + r.date() + ".txt"), text(r), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("recon-" + r.date() + ".csv"), csv(r), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("recon-" + r.date() + ".json"), json(r), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot write reports to " + dir + ": " + e.getMessage());
        }
    }
}
