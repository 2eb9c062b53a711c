package io.mbp.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.error.BadInputException;
import io.mbp.oracle.OracleCommand.RawReport;
import java.io.BufferedReader;
import io.mbp.input.InputLimits;
import io.mbp.input.StrictCsv;
import io.mbp.input.StrictText;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;

/**
 * Reads report files: CSV with header {@code source,event,observed_at,value} (any column order),
 * or NDJSON with the same fields. A line that cannot be read becomes a {@link RawReport} with a
 * problem (rejected later, never dropped); a file that cannot be read at all (not UTF-8, a bad
 * header, broken quoting, over the {@link InputLimits}) is refused whole.
 */
public final class ReportFiles {
    public static final List<String> COLUMNS = List.of("source", "event", "observed_at", "value");
    private static final ObjectMapper JSON = io.mbp.events.JsonLimits.mapper().build();

    private ReportFiles() {
    }

    public static boolean isNdjson(Path file) {
        String n = file.getFileName().toString().toLowerCase();
        return n.endsWith(".ndjson") || n.endsWith(".jsonl") || n.endsWith(".json");
    }

    public static List<RawReport> read(Path file) {
        return read(file, InputLimits.DEFAULT);
    }

    public static List<RawReport> read(Path file, InputLimits limits) {
        // Lines are named by file name, not full path: the same input logs the same bytes wherever it lives.
        String name = file.getFileName().toString();
        try (Reader reader = StrictText.open(file, name, limits)) {
            return isNdjson(file) ? readNdjson(reader, name, limits) : readCsv(reader, name, limits);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Parses a report CSV; a pure entry point (Reader in, rows out) for tests and fuzzing. */
    public static List<RawReport> readCsv(Reader reader, String name, InputLimits limits) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreSurroundingSpaces(true).get();
        List<RawReport> out = new ArrayList<>();
        StrictCsv.read(reader, name, format, COLUMNS, limits, row -> {
            String input = name + ":" + row.line();
            if (!row.complete()) {
                out.add(new RawReport(input, row.get("source"), row.get("event"), row.get("observed_at"),
                        row.get("value"), "expected " + COLUMNS.size() + " columns, found " + row.size()));
            } else {
                out.add(new RawReport(input, row.get("source"), row.get("event"), row.get("observed_at"), row.get("value"), null));
            }
        });
        return out;
    }

    /** Parses report NDJSON; a pure entry point (Reader in, rows out) for tests and fuzzing. */
    public static List<RawReport> readNdjson(Reader in, String name, InputLimits limits) throws IOException {
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<RawReport> out = new ArrayList<>();
        String line;
        long n = 0;
        long rows = 0;
        while ((line = io.mbp.events.JsonLimits.readLine(reader, (int) io.mbp.events.JsonLimits.MAX_DOCUMENT_BYTES,
                name + ": line " + (n + 1))) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            if (++rows > limits.maxLines()) {
                throw new BadInputException(name + ": line " + n + ": more than the limit of "
                        + String.format("%,d", limits.maxLines()) + " rows for one input file (ADR 0507); nothing was written");
            }
            String input = name + ":" + n;
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
                out.add(new RawReport(input, null, null, null, null, "refused: " + io.mbp.events.JsonLimits.describe(e)));
                continue;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                out.add(new RawReport(input, null, null, null, null, "not valid JSON: " + e.getOriginalMessage()));
                continue;
            }
            if (node == null || !node.isObject()) {
                out.add(new RawReport(input, null, null, null, null, "each line must be one JSON object"));
                continue;
            }
            String problem = null;
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String f = names.next();
                if (!Set.copyOf(COLUMNS).contains(f)) {
                    problem = "unknown field " + f + " (expected " + String.join(", ", COLUMNS) + ")";
                }
            }
            for (String c : COLUMNS) {
                JsonNode v = node.get(c);
                if (v != null && !v.isNull() && !v.isTextual()) {
                    problem = "field " + c + " must be a string" + (v.isNumber() ? " (decimals travel as strings, never JSON numbers)" : "");
                }
            }
            for (String c : COLUMNS) {
                String v = text(node, c);
                if (v != null && v.length() > limits.maxFieldChars()) {
                    throw new BadInputException(name + ": line " + n + ": field " + c + ": " + String.format("%,d", v.length())
                            + " characters, over the limit of " + String.format("%,d", limits.maxFieldChars())
                            + " (ADR 0507); nothing was written");
                }
            }
            out.add(new RawReport(input, text(node, "source"), text(node, "event"), text(node, "observed_at"),
                    text(node, "value"), problem));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.isTextual() ? v.asText() : v.toString();
    }
}
