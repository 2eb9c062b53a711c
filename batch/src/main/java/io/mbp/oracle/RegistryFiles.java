package io.mbp.oracle;

import io.mbp.error.BadInputException;
import io.mbp.events.FieldException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads source and committee lists: CSV with header {@code id,name,weight_bps} (sources) or
 * {@code id,name} (committee). Any bad line refuses the whole file, naming line and field.
 */
public final class RegistryFiles {
    private RegistryFiles() {
    }

    public static List<SourceRegistered> sources(Path file) {
        List<SourceRegistered> out = new ArrayList<>();
        for (Row r : rows(file, List.of("id", "name", "weight_bps"))) {
            long weight;
            try {
                weight = Long.parseLong(r.rec().get("weight_bps"));
            } catch (NumberFormatException e) {
                throw new BadInputException(r.where() + ": field weight_bps: must be a whole number of basis points, got \""
                        + r.rec().get("weight_bps") + "\"");
            }
            try {
                out.add(new SourceRegistered(r.rec().get("id"), r.rec().get("name"), weight));
            } catch (FieldException e) {
                throw new BadInputException(r.where() + ": field " + e.field() + ": " + e.getMessage());
            }
        }
        return out;
    }

    public static List<CommitteeMemberAdded> committee(Path file) {
        List<CommitteeMemberAdded> out = new ArrayList<>();
        for (Row r : rows(file, List.of("id", "name"))) {
            try {
                out.add(new CommitteeMemberAdded(r.rec().get("id"), r.rec().get("name")));
            } catch (FieldException e) {
                throw new BadInputException(r.where() + ": field " + e.field() + ": " + e.getMessage());
            }
        }
        return out;
    }

    private record Row(CSVRecord rec, String where) {
    }

    private static List<Row> rows(Path file, List<String> columns) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        List<Row> out = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (String c : columns) {
                if (header == null || !header.containsKey(c)) {
                    throw new BadInputException(file + ": line 1: the header must name the columns " + String.join(",", columns)
                            + " (missing " + c + ")");
                }
            }
            for (CSVRecord rec : parser) {
                String where = file + ": line " + (rec.getRecordNumber() + 1);
                if (!rec.isConsistent()) {
                    throw new BadInputException(where + ": expected " + header.size() + " columns, found " + rec.size());
                }
                out.add(new Row(rec, where));
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new BadInputException(file + ": no rows after the header");
        }
        return out;
    }
}
