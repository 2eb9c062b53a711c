package io.mbp.statement;

import static io.mbp.statement.StatementFormat.CSV_HEADER;
import static io.mbp.statement.StatementFormat.bad;
import static io.mbp.statement.StatementFormat.line;
import static io.mbp.statement.StatementFormat.uniqueLineIds;
import static io.mbp.statement.StatementFormat.whole;

import io.mbp.input.InputLimits;
import io.mbp.input.StrictCsv;
import io.mbp.input.StrictText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Our CSV statement layout (docs/payouts-recon.md), written and read with Commons CSV. */
final class StatementCsv {
    private StatementCsv() {
    }

    /** Our CSV carries booked lines only: it has no column for a pending entry or a reversal. */
    static byte[] write(Statement s) {
        for (StatementLine l : s.lines()) {
            if (!l.booked() || l.reversal()) {
                throw new IllegalArgumentException("line " + l.lineId() + " is " + (l.reversal() ? "a reversal" : "pending")
                        + ": our CSV layout has no column for that; write camt.053");
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).setRecordSeparator('\n').get())) {
            for (StatementLine l : s.lines()) {
                p.printRecord(s.account(), l.bookingDate(), l.valueDate(), l.lineId(), String.valueOf(l.direction()),
                        l.amount(), l.e2eid(), l.reference(), l.counterparty(), l.kind());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** Parses our CSV layout; every row names its account and booking date, which must agree across the file. */
    static Statement read(byte[] data, String source) {
        return read(StrictText.reader(new ByteArrayInputStream(data), source, InputLimits.STATEMENTS), source,
                InputLimits.STATEMENTS);
    }

    /**
     * Parses our CSV layout from a (strict UTF-8) reader, streaming, within {@code limits}: columns in
     * any order, each once; a pure entry point for tests and fuzzing.
     */
    static Statement read(Reader reader, String source, InputLimits limits) {
        List<StatementLine> lines = new ArrayList<>();
        StrictCsv.read(reader, source, CSVFormat.RFC4180, List.of(CSV_HEADER), limits, row -> {
            if (!row.complete()) {
                throw bad(source, row.line(), "", "has " + row.size() + " fields, expected " + CSV_HEADER.length);
            }
            long line = row.line();
            lines.add(line(source, line, row.get("account"), row.get("booking_date"), row.get("value_date"),
                    row.get("line_id"), row.get("direction"), centavos(source, line, row.get("amount_centavos")),
                    row.get("e2eid"), row.get("reference"), row.get("counterparty"), row.get("kind")));
        });
        uniqueLineIds(source, lines);
        return whole(source, lines);
    }

    private static long centavos(String source, long line, String text) {
        try {
            long v = Long.parseLong(text.trim());
            if (v <= 0) {
                throw bad(source, line, "amount_centavos", "must be a positive integer, got " + text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(source, line, "amount_centavos", "must be an integer number of centavos, got '" + text + "'");
        }
    }
}
