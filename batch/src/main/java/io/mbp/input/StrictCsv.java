package io.mbp.input;

import io.mbp.error.BadInputException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV whose first line names its columns: exactly the expected ones, in any order, each once. An
 * empty name (a header ending in a comma), a repeated or unknown name and a missing one are all
 * refused with exit 4 and their names; so is broken quoting, a row or field over the
 * {@link InputLimits}, and anything else Commons CSV cannot read, always as {@code FILE: line N: ...}.
 * Blank lines are skipped; line numbers are physical lines (a quoted line break counts).
 */
public final class StrictCsv {
    private StrictCsv() {
    }

    /** One data row: its first physical line and its values, by column name. */
    public record Row(long line, CSVRecord record, Map<String, Integer> columns) {
        /** The value of {@code column}, or null if this row is too short to have it. */
        public String get(String column) {
            Integer i = columns.get(column);
            return i != null && i < record.size() ? record.get(i) : null;
        }

        public int size() {
            return record.size();
        }

        /** Has exactly as many fields as the header has columns. */
        public boolean complete() {
            return record.size() == columns.size();
        }
    }

    /**
     * Reads {@code reader} as {@code format} (its own header settings are ignored: the first non-blank
     * line is the header) and hands each non-blank row to {@code each}, within {@code limits}.
     */
    public static void read(Reader reader, String source, CSVFormat format, List<String> columns, InputLimits limits,
                            Consumer<Row> each) {
        CSVFormat f = format.builder().setHeader((String[]) null).setSkipHeaderRecord(false).setIgnoreEmptyLines(false)
                .setAllowMissingColumnNames(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(f).get()) {
            Iterator<CSVRecord> it = parser.iterator();
            Map<String, Integer> header = null;
            long rows = 0;
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
                    throw malformed(source, line, e.getCause());
                } catch (IllegalStateException | IllegalArgumentException e) {
                    throw malformed(source, line, e);
                }
                if (rec.size() == 1 && rec.get(0).isBlank()) {
                    continue;
                }
                fieldLengths(source, line, rec, header, limits);
                if (header == null) {
                    header = header(source, line, rec, columns);
                    continue;
                }
                if (++rows > limits.maxLines()) {
                    throw new BadInputException(source + ": line " + line + ": more than the limit of "
                            + String.format("%,d", limits.maxLines()) + " rows for one input file (ADR 0507); nothing was written");
                }
                each.accept(new Row(line, rec, header));
            }
            if (header == null) {
                throw new BadInputException(source + ": the file is empty: line 1 must be the header "
                        + String.join(",", columns));
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read " + source + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new BadInputException("cannot read " + source + ": " + e.getCause().getMessage());
        }
    }

    private static BadInputException malformed(String source, long line, Throwable cause) {
        if (cause instanceof BadInputException b) {
            return b;
        }
        String why = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
        return new BadInputException(source + ": line " + line + ": not readable as CSV: " + why.replaceAll("\\s+", " ")
                + "; nothing was written");
    }

    private static void fieldLengths(String source, long line, CSVRecord rec, Map<String, Integer> header,
                                     InputLimits limits) {
        for (int i = 0; i < rec.size(); i++) {
            if (rec.get(i).length() > limits.maxFieldChars()) {
                String name = header == null ? "header column " + (i + 1) : "field " + nameOf(header, i);
                throw new BadInputException(source + ": line " + line + ": " + name + ": " + String.format("%,d",
                        rec.get(i).length()) + " characters, over the limit of " + String.format("%,d", limits.maxFieldChars())
                        + " (ADR 0507); nothing was written");
            }
        }
    }

    private static String nameOf(Map<String, Integer> header, int index) {
        for (Map.Entry<String, Integer> e : header.entrySet()) {
            if (e.getValue() == index) {
                return e.getKey();
            }
        }
        return "#" + (index + 1) + " (beyond the header)";
    }

    private static Map<String, Integer> header(String source, long line, CSVRecord rec, List<String> columns) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rec.size(); i++) {
            String name = rec.get(i);
            if (name.isBlank()) {
                problems.add("column " + (i + 1) + " has no name" + (i == rec.size() - 1 ? " (a trailing comma?)" : ""));
            } else if (index.containsKey(name)) {
                problems.add("column " + name + " appears twice");
            } else if (!columns.contains(name)) {
                problems.add("unknown column " + name);
            } else {
                index.put(name, i);
            }
        }
        List<String> missing = columns.stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            problems.add("missing " + String.join(", ", missing));
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(source + ": line " + line + ": the header must name the columns "
                    + String.join(",", columns) + " (any order, each once): " + String.join("; ", problems)
                    + "; nothing was written");
        }
        return Collections.unmodifiableMap(index);
    }
}
