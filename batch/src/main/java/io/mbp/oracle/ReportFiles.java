package io.mbp.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.error.BadInputException;
import io.mbp.oracle.OracleCommand.RawReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads report files: CSV with header {@code source,event,observed_at,value} (any column order),
 * or NDJSON with the same fields. A line that cannot be read becomes a {@link RawReport} with a
 * problem (rejected later, never dropped); a file that cannot be read at all is refused whole.
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
        // Lines are named by file name, not full path: the same input logs the same bytes wherever it lives.
        String name = file.getFileName().toString();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return isNdjson(file) ? readNdjson(reader, name) : readCsv(reader, name);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static List<RawReport> readCsv(BufferedReader reader, String name) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(false).setIgnoreSurroundingSpaces(true).get();
        List<RawReport> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (String c : COLUMNS) {
                if (header == null || !header.containsKey(c)) {
                    throw new BadInputException(name + ": line 1: the header must name the columns " + String.join(",", COLUMNS)
                            + " (missing " + c + ")");
                }
            }
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                // A record starts on the line after the previous one ended: exact even with blank
                // lines and quoted line breaks, which a record count would not be.
                long line = parser.getCurrentLineNumber() + 1;
                CSVRecord rec;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    rec = it.next();
                } catch (UncheckedIOException e) {
                    throw new BadInputException(name + ": line " + line + ": " + e.getCause().getMessage());
                }
                if (rec.size() == 1 && rec.get(0).isBlank()) {
                    continue;
                }
                String input = name + ":" + line;
                if (!rec.isConsistent()) {
                    out.add(new RawReport(input, get(rec, "source"), get(rec, "event"), get(rec, "observed_at"),
                            get(rec, "value"), "expected " + header.size() + " columns, found " + rec.size()));
                    continue;
                }
                out.add(new RawReport(input, rec.get("source"), rec.get("event"), rec.get("observed_at"), rec.get("value"), null));
            }
        }
        return out;
    }

    private static String get(CSVRecord rec, String column) {
        return rec.isSet(column) ? rec.get(column) : null;
    }

    static List<RawReport> readNdjson(BufferedReader reader, String name) throws IOException {
        List<RawReport> out = new ArrayList<>();
        String line;
        int n = 0;
        while ((line = io.mbp.events.JsonLimits.readLine(reader, (int) io.mbp.events.JsonLimits.MAX_DOCUMENT_BYTES,
                name + ": line " + (n + 1))) != null) {
            n++;
            if (line.isBlank()) {
                continue;
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
