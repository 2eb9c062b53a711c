package io.mbp.oracle;

import io.mbp.error.BadInputException;
import io.mbp.events.FieldException;
import io.mbp.input.InputLimits;
import io.mbp.input.StrictCsv;
import io.mbp.input.StrictText;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * Reads source and committee lists: CSV with header {@code id,name,weight_bps} (sources) or
 * {@code id,name} (committee), strict UTF-8, any column order, each column once, within
 * {@link InputLimits#DEFAULT}. Any bad line refuses the whole file, naming line and field.
 */
public final class RegistryFiles {
    private RegistryFiles() {
    }

    public static List<SourceRegistered> sources(Path file) {
        try (Reader reader = StrictText.open(file, file.toString(), InputLimits.DEFAULT)) {
            return sources(reader, file.toString());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A pure entry point (Reader in, registrations out) for tests and fuzzing. */
    public static List<SourceRegistered> sources(Reader reader, String source) {
        List<SourceRegistered> out = new ArrayList<>();
        for (Row r : rows(reader, source, List.of("id", "name", "weight_bps"))) {
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
        try (Reader reader = StrictText.open(file, file.toString(), InputLimits.DEFAULT)) {
            return committee(reader, file.toString());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A pure entry point (Reader in, members out) for tests and fuzzing. */
    public static List<CommitteeMemberAdded> committee(Reader reader, String source) {
        List<CommitteeMemberAdded> out = new ArrayList<>();
        for (Row r : rows(reader, source, List.of("id", "name"))) {
            try {
                out.add(new CommitteeMemberAdded(r.rec().get("id"), r.rec().get("name")));
            } catch (FieldException e) {
                throw new BadInputException(r.where() + ": field " + e.field() + ": " + e.getMessage());
            }
        }
        return out;
    }

    private record Row(StrictCsv.Row rec, String where) {
    }

    private static List<Row> rows(Reader reader, String source, List<String> columns) {
        List<Row> out = new ArrayList<>();
        StrictCsv.read(reader, source, CSVFormat.DEFAULT.builder().setTrim(true).get(), columns, InputLimits.DEFAULT,
                row -> {
                    String where = source + ": line " + row.line();
                    if (!row.complete()) {
                        throw new BadInputException(where + ": expected " + columns.size() + " columns, found " + row.size());
                    }
                    out.add(new Row(row, where));
                });
        if (out.isEmpty()) {
            throw new BadInputException(source + ": no rows after the header");
        }
        return out;
    }
}
