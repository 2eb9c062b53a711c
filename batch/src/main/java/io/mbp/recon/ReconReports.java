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
        return sb.toString();
    }

    public static String csv(ReconService.Report r) {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
            p.printRecord("date", "statement_id", "lines", "expected", "matched_lines", "matched_amount_centavos",
                    "open", "resolved", "match_rate");
            p.printRecord(r.date(), r.statementId(), r.lines(), r.expected(), r.matchedLines(), r.matchedAmount(),
                    r.open(), r.resolved(), r.rate());
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
        m.put("exceptions", r.exceptions().stream().map(ReconReports::view).toList());
        try {
            return JSON.writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
