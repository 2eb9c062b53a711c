package io.mbp.statement;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import io.mbp.input.StrictText;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The statement layouts: our CSV (docs/payouts-recon.md) and ISO 20022 camt.053 (.001.08 written,
 * .001.02 and .001.08 read, ADR 0508), dispatched by {@link Layout}. Written with Commons CSV and
 * StAX, read the same way, streaming, as strict UTF-8 within
 * {@link InputLimits} (ADR 0507); a malformed line or entry, a repeated line id or a file over a
 * limit fails the whole file with its line number, so nothing of a bad file is imported.
 */
public final class StatementFormat {
    public static final String[] CSV_HEADER = {"account", "booking_date", "value_date", "line_id", "direction",
        "amount_centavos", "e2eid", "reference", "counterparty", "kind"};
    public static final String CAMT_NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";
    /** camt.053 as we read it nests 11 deep; anything far deeper is not a statement. */
    public static final int MAX_XML_DEPTH = 32;
    static final List<String> KINDS = List.of("PIX_OUT", "PIX_IN", "RETURN", "FEE");

    private StatementFormat() {
    }

    public static byte[] writeCsv(Statement s) {
        return StatementCsv.write(s);
    }

    /** Parses our CSV layout; every row names its account and booking date, which must agree across the file. */
    public static Statement readCsv(byte[] data, String source) {
        return StatementCsv.read(data, source);
    }

    /**
     * Parses our CSV layout from a (strict UTF-8) reader, streaming, within {@code limits}: columns in
     * any order, each once; a pure entry point for tests and fuzzing.
     */
    public static Statement readCsv(Reader reader, String source, InputLimits limits) {
        return StatementCsv.read(reader, source, limits);
    }

    /**
     * A schema-valid camt.053.001.08 BkToCstmrStmt (ADR 0508): the statement's balances, a TxsSummry
     * of its booked entries and one Ntry per line or per batched entry (amounts as decimal reais).
     * The statement must state its opening and closing booked balances.
     */
    public static byte[] writeCamt053(Statement s, String messageId, String createdAt) {
        return Camt053Writer.write(s, messageId, createdAt);
    }

    /** Reads camt.053 .02 or .08, validated against its schema; errors name the line and element. */
    public static Statement readCamt053(byte[] data, String source) {
        return Camt053.read(data, source);
    }

    /**
     * Reads camt.053 from a (strict UTF-8) reader with streaming StAX, within {@code limits} (entries,
     * text length) and {@link #MAX_XML_DEPTH}; a pure entry point for tests and fuzzing.
     */
    public static Statement readCamt053(Reader reader, String source, InputLimits limits) {
        return Camt053.read(reader, source, limits);
    }

    // ---------------------------------------------------------------- checks shared by both layouts

    static StatementLine line(String source, long line, String account, String booking, String value,
                                      String lineId, String direction, long amount, String e2eid, String reference,
                                      String counterparty, String kind) {
        if (account == null || account.isBlank()) {
            throw bad(source, line, "account", "is empty");
        }
        if (lineId == null || lineId.isBlank()) {
            throw bad(source, line, "line_id", "is empty");
        }
        if (!"C".equals(direction) && !"D".equals(direction)) {
            throw bad(source, line, "direction", "must be C or D, got '" + direction + "'");
        }
        if (!KINDS.contains(kind)) {
            throw bad(source, line, "kind", "must be one of " + KINDS + ", got '" + kind + "'");
        }
        return new StatementLine(line, lineId, account, date(source, line, "booking_date", booking),
                date(source, line, "value_date", value), direction.charAt(0), amount, e2eid, reference, counterparty, kind);
    }

    static LocalDate date(String source, long line, String field, String text) {
        String t = text == null ? "" : text.trim();
        // LocalDate.parse also takes a signed or five-digit year ("-2026-11-27", "+12026-11-27"), which no
        // bank writes and camt.053's xs:date round trip cannot carry: every layout reads yyyy-mm-dd only
        if (ISO_DATE.matcher(t).matches()) {
            try {
                return LocalDate.parse(t);
            } catch (DateTimeParseException e) {
                // a day the calendar does not have (2026-02-30): refused below with every other bad date
            }
        }
        throw bad(source, line, field, "must be a date like 2026-11-27, got '" + text + "'");
    }

    static Statement whole(String source, List<StatementLine> lines) {
        if (lines.isEmpty()) {
            throw new BadInputException(source + ": the statement has no lines");
        }
        StatementLine first = lines.get(0);
        for (StatementLine l : lines) {
            if (!l.account().equals(first.account())) {
                throw bad(source, l.lineNo(), "account", "is " + l.account() + " but line " + first.lineNo()
                        + " says " + first.account() + ": one statement covers one account");
            }
            if (!l.bookingDate().equals(first.bookingDate())) {
                throw bad(source, l.lineNo(), "booking_date", "is " + l.bookingDate() + " but line " + first.lineNo()
                        + " says " + first.bookingDate() + ": one statement covers one date");
            }
        }
        return new Statement(first.account(), first.bookingDate(), lines);
    }

    /** A line id names one line of a statement: a repeat is refused, naming both lines. */
    static void uniqueLineIds(String source, List<StatementLine> lines) {
        Map<String, Long> seen = new HashMap<>();
        for (StatementLine l : lines) {
            Long first = seen.putIfAbsent(l.lineId(), l.lineNo());
            if (first != null) {
                throw bad(source, l.lineNo(), "line_id", "'" + l.lineId() + "' is also the id of line " + first
                        + ": a line id is unique in a statement");
            }
        }
    }

    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    static BadInputException bad(String source, long line, String field, String problem) {
        return new BadInputException(source + ": line " + line + (field.isEmpty() ? "" : ": field " + field) + ": "
                + problem + "; nothing was imported");
    }

    /**
     * The statement layouts the importer reads; {@link #id} is what {@code --statement-format} takes and
     * what the StatementImported event records.
     */
    public enum Layout {
        CSV("csv"), CAMT053("camt053"), CNAB240("cnab240"), OFX("ofx");

        private final String id;

        Layout(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The layout named {@code id} (case-insensitive), or null. */
        public static Layout of(String id) {
            for (Layout l : values()) {
                if (l.id.equalsIgnoreCase(id)) {
                    return l;
                }
            }
            return null;
        }
    }

    /** A statement and the layout it was read from. */
    public record Parsed(Statement statement, Layout layout) {
        /** The layout's id: "csv", "camt053", "cnab240" or "ofx". */
        public String format() {
            return layout.id();
        }
    }

    /** Picks the reader by content: camt.053 XML starts with '<', our CSV with its header. */
    public static Statement read(byte[] data, String source) {
        return parse(new ByteArrayInputStream(data), source, InputLimits.STATEMENTS).statement();
    }

    /**
     * Reads a statement from {@code in}, streaming, as strict UTF-8 within {@code limits}; the layout
     * is picked by the first character that is not white space. Reads {@code in} to its end only if
     * the file is well-formed; never holds more than one line or entry of text at a time.
     */
    public static Parsed parse(InputStream in, String source, InputLimits limits) {
        return parse(in, source, limits, null);
    }

    /**
     * Reads a statement of {@code layout} from {@code in} (null: picked by content as above),
     * streaming, within {@code limits}.
     */
    public static Parsed parse(InputStream in, String source, InputLimits limits, Layout layout) {
        BufferedReader r = new BufferedReader(StrictText.reader(in, source, limits));
        try {
            Layout l = layout;
            if (l == null) {
                r.mark(SNIFF_CHARS + 1);
                char[] head = new char[SNIFF_CHARS];
                int n = 0;
                int k;
                while (n < head.length && (k = r.read(head, n, head.length - n)) > 0) {
                    n += k;
                }
                r.reset();
                l = BankStatements.sniff(new String(head, 0, n));
            }
            return switch (l) {
                case CSV -> new Parsed(readCsv(r, source, limits), l);
                case CAMT053 -> new Parsed(readCamt053(r, source, limits), l);
                case CNAB240 -> new Parsed(BankStatements.readCnab240(r, source, limits), l);
                case OFX -> new Parsed(BankStatements.readOfx(r, source, limits), l);
            };
        } catch (IOException e) {
            throw new BadInputException("cannot read " + source + ": " + e.getMessage());
        }
    }

    private static final int SNIFF_CHARS = 4096;
}
