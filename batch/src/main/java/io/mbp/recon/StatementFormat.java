package io.mbp.recon;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import io.mbp.input.StrictCsv;
import io.mbp.input.StrictText;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The two statement layouts: our CSV (docs/payouts-recon.md) and ISO 20022 camt.053.001.08.
 * Written with Commons CSV and StAX, read the same way, streaming, as strict UTF-8 within
 * {@link InputLimits} (ADR 0507); a malformed line or entry, a repeated line id or a file over a
 * limit fails the whole file with its line number, so nothing of a bad file is imported.
 */
public final class StatementFormat {
    public static final String[] CSV_HEADER = {"account", "booking_date", "value_date", "line_id", "direction",
        "amount_centavos", "e2eid", "reference", "counterparty", "kind"};
    public static final String CAMT_NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";
    /** camt.053 as we read it nests 9 deep; anything far deeper is not a statement. */
    public static final int MAX_XML_DEPTH = 32;
    private static final List<String> KINDS = List.of("PIX_OUT", "PIX_IN", "RETURN", "FEE");

    private StatementFormat() {
    }

    // ---------------------------------------------------------------- CSV

    public static byte[] writeCsv(Statement s) {
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
    public static Statement readCsv(byte[] data, String source) {
        return readCsv(StrictText.reader(new ByteArrayInputStream(data), source, InputLimits.STATEMENTS), source,
                InputLimits.STATEMENTS);
    }

    /**
     * Parses our CSV layout from a (strict UTF-8) reader, streaming, within {@code limits}: columns in
     * any order, each once; a pure entry point for tests and fuzzing.
     */
    public static Statement readCsv(Reader reader, String source, InputLimits limits) {
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

    private static StatementLine line(String source, long line, String account, String booking, String value,
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

    private static LocalDate date(String source, long line, String field, String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.trim());
        } catch (DateTimeParseException e) {
            throw bad(source, line, field, "must be a date like 2026-11-27, got '" + text + "'");
        }
    }

    private static Statement whole(String source, List<StatementLine> lines) {
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
    private static void uniqueLineIds(String source, List<StatementLine> lines) {
        Map<String, Long> seen = new HashMap<>();
        for (StatementLine l : lines) {
            Long first = seen.putIfAbsent(l.lineId(), l.lineNo());
            if (first != null) {
                throw bad(source, l.lineNo(), "line_id", "'" + l.lineId() + "' is also the id of line " + first
                        + ": a line id is unique in a statement");
            }
        }
    }

    private static BadInputException bad(String source, long line, String field, String problem) {
        return new BadInputException(source + ": line " + line + (field.isEmpty() ? "" : ": field " + field) + ": "
                + problem + "; nothing was imported");
    }

    // ---------------------------------------------------------------- camt.053

    /** A camt.053.001.08 BkToCstmrStmt with one Stmt and one Ntry per line (amounts as decimal reais). */
    public static byte[] writeCamt053(Statement s, String messageId, String createdAt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Xml w = new Xml(XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8"));
            w.raw.writeStartDocument("UTF-8", "1.0");
            w.raw.writeCharacters("\n");
            w.raw.writeStartElement("Document");
            w.raw.writeDefaultNamespace(CAMT_NS);
            w.depth = 1;
            w.open("BkToCstmrStmt");
            w.open("GrpHdr");
            w.text("MsgId", messageId);
            w.text("CreDtTm", createdAt);
            w.close();
            w.open("Stmt");
            w.text("Id", s.account() + "-" + s.date());
            w.text("CreDtTm", createdAt);
            w.open("Acct");
            w.open("Id");
            w.open("Othr");
            w.text("Id", s.account());
            w.close();
            w.close();
            w.text("Ccy", "BRL");
            w.close();
            w.open("TxsSummry");
            w.open("TtlNtries");
            w.text("NbOfNtries", Integer.toString(s.lines().size()));
            w.close();
            w.close();
            for (StatementLine l : s.lines()) {
                w.open("Ntry");
                w.text("NtryRef", l.lineId());
                w.indent();
                w.raw.writeStartElement("Amt");
                w.raw.writeAttribute("Ccy", "BRL");
                w.raw.writeCharacters(BigDecimal.valueOf(l.amount(), 2).toPlainString());
                w.raw.writeEndElement();
                w.text("CdtDbtInd", l.direction() == 'C' ? "CRDT" : "DBIT");
                w.open("Sts");
                w.text("Cd", "BOOK");
                w.close();
                w.open("BookgDt");
                w.text("Dt", l.bookingDate().toString());
                w.close();
                w.open("ValDt");
                w.text("Dt", l.valueDate().toString());
                w.close();
                w.open("BkTxCd");
                w.open("Prtry");
                w.text("Cd", l.kind());
                w.close();
                w.close();
                w.open("NtryDtls");
                w.open("TxDtls");
                w.open("Refs");
                if (!l.reference().isEmpty()) {
                    w.text("InstrId", l.reference());
                }
                if (!l.e2eid().isEmpty()) {
                    w.text("EndToEndId", l.e2eid());
                }
                w.close();
                if (!l.counterparty().isEmpty()) {
                    w.open("RltdPties");
                    w.open(l.direction() == 'C' ? "Dbtr" : "Cdtr");
                    w.open("Pty");
                    w.text("Nm", l.counterparty());
                    w.close();
                    w.close();
                    w.close();
                }
                w.close();
                w.close();
                w.close();
            }
            w.close();
            w.close();
            w.depth = 0;
            w.indent();
            w.raw.writeEndElement();
            w.raw.writeCharacters("\n");
            w.raw.writeEndDocument();
            w.raw.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** StAX with indentation, so each element sits on its own line and errors can name a useful line. */
    private static final class Xml {
        final XMLStreamWriter raw;
        int depth;

        Xml(XMLStreamWriter raw) {
            this.raw = raw;
        }

        void indent() throws XMLStreamException {
            raw.writeCharacters("\n" + "  ".repeat(depth));
        }

        void open(String name) throws XMLStreamException {
            indent();
            raw.writeStartElement(name);
            depth++;
        }

        void close() throws XMLStreamException {
            depth--;
            indent();
            raw.writeEndElement();
        }

        void text(String name, String value) throws XMLStreamException {
            indent();
            raw.writeStartElement(name);
            raw.writeCharacters(value);
            raw.writeEndElement();
        }
    }

    /** Reads the camt.053 subset {@link #writeCamt053} writes; an entry's errors name its line in the file. */
    public static Statement readCamt053(byte[] data, String source) {
        return readCamt053(StrictText.reader(new ByteArrayInputStream(data), source, InputLimits.STATEMENTS), source,
                InputLimits.STATEMENTS);
    }

    /**
     * Reads camt.053 from a (strict UTF-8) reader with streaming StAX, within {@code limits} (entries,
     * text length) and {@link #MAX_XML_DEPTH}; a pure entry point for tests and fuzzing.
     */
    public static Statement readCamt053(Reader reader, String source, InputLimits limits) {
        // The JDK's own StAX, whatever else is on the class path, so the properties below are known.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        // A statement file is data: no DTDs, no external entities.
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<StatementLine> lines = new ArrayList<>();
        String account = null;
        long line = 0;
        try {
            XMLStreamReader r = f.createXMLStreamReader(reader);
            String declared = r.getCharacterEncodingScheme();
            if (declared != null && !declared.equalsIgnoreCase("UTF-8") && !declared.equalsIgnoreCase("UTF8")) {
                throw new BadInputException(source + ": line 1: the XML declares encoding " + declared
                        + "; statements must be UTF-8; nothing was imported");
            }
            List<String> path = new ArrayList<>();
            Entry e = null;
            StringBuilder textBuf = new StringBuilder();
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    if (path.isEmpty() && (!"Document".equals(name) || !CAMT_NS.equals(r.getNamespaceURI()))) {
                        throw new BadInputException(source + ": line " + r.getLocation().getLineNumber()
                                + ": not a camt.053.001.08 document (root " + name + " in " + r.getNamespaceURI() + ")");
                    }
                    path.add(name);
                    if (path.size() > MAX_XML_DEPTH) {
                        throw new BadInputException(source + ": line " + r.getLocation().getLineNumber()
                                + ": elements nested deeper than " + MAX_XML_DEPTH + " (ADR 0507); nothing was imported");
                    }
                    textBuf.setLength(0);
                    if ("Ntry".equals(name)) {
                        if (lines.size() >= limits.maxLines()) {
                            throw new BadInputException(source + ": line " + r.getLocation().getLineNumber()
                                    + ": more than the limit of " + String.format("%,d", limits.maxLines())
                                    + " entries for one statement (ADR 0507); nothing was imported");
                        }
                        e = new Entry();
                        e.line = r.getLocation().getLineNumber();
                    }
                    if (e != null && "Amt".equals(name)) {
                        e.ccy = r.getAttributeValue(null, "Ccy");
                    }
                } else if (ev == XMLStreamConstants.CHARACTERS) {
                    if (textBuf.length() + r.getTextLength() > limits.maxFieldChars()) {
                        throw new BadInputException(source + ": line " + r.getLocation().getLineNumber() + ": "
                                + (path.isEmpty() ? "text" : "element " + path.get(path.size() - 1))
                                + ": text longer than the limit of " + String.format("%,d", limits.maxFieldChars())
                                + " characters (ADR 0507); nothing was imported");
                    }
                    textBuf.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    String p = String.join("/", path);
                    String t = textBuf.toString().trim();
                    if (p.endsWith("Stmt/Acct/Id/Othr/Id")) {
                        account = t;
                    } else if (e != null) {
                        if (p.endsWith("Ntry/NtryRef")) {
                            e.ref = t;
                            e.at.put("NtryRef", (long) r.getLocation().getLineNumber());
                        } else if (p.endsWith("Ntry/Amt")) {
                            e.amt = t;
                            e.at.put("Amt", (long) r.getLocation().getLineNumber());
                        } else if (p.endsWith("Ntry/CdtDbtInd")) {
                            e.cdt = t;
                            e.at.put("CdtDbtInd", (long) r.getLocation().getLineNumber());
                        } else if (p.endsWith("Ntry/BookgDt/Dt")) {
                            e.booking = t;
                            e.at.put("BookgDt", (long) r.getLocation().getLineNumber());
                        } else if (p.endsWith("Ntry/ValDt/Dt")) {
                            e.value = t;
                            e.at.put("ValDt", (long) r.getLocation().getLineNumber());
                        } else if (p.endsWith("BkTxCd/Prtry/Cd")) {
                            e.kind = t;
                            e.at.put("BkTxCd", (long) r.getLocation().getLineNumber());
                        } else if (p.endsWith("Refs/InstrId")) {
                            e.instrId = t;
                            e.at.put("InstrId", (long) r.getLocation().getLineNumber());
                        } else if (p.endsWith("Refs/EndToEndId")) {
                            e.e2e = t;
                            e.at.put("EndToEndId", (long) r.getLocation().getLineNumber());
                        } else if (p.endsWith("Pty/Nm")) {
                            e.party = t;
                            e.at.put("Nm", (long) r.getLocation().getLineNumber());
                        } else if (p.endsWith("Stmt/Ntry")) {
                            line = e.line;
                            lines.add(e.toLine(source, account));
                            e = null;
                        }
                    }
                    textBuf.setLength(0);
                    path.remove(path.size() - 1);
                }
            }
        } catch (XMLStreamException x) {
            throw new BadInputException(source + ": line " + (x.getLocation() == null ? line : x.getLocation().getLineNumber())
                    + ": malformed XML: " + x.getMessage().replaceAll("\\s+", " ") + "; nothing was imported");
        } catch (java.util.MissingResourceException x) {
            // The JDK's StAX reader fails to look up its own message for some malformed DTDs (found by
            // fuzzing: a control character inside a DOCTYPE) and throws this instead of an XMLStreamException.
            throw new BadInputException(source + ": line " + line + ": malformed XML (" + x.getKey()
                    + "); nothing was imported");
        }
        uniqueLineIds(source, lines);
        // Entries are numbered by position (XML lines are for error messages only).
        List<StatementLine> numbered = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            numbered.add(lines.get(i).renumber(i + 1));
        }
        return whole(source, numbered);
    }

    private static final class Entry {
        long line;
        String ref;
        String amt;
        String ccy;
        String cdt;
        String booking;
        String value;
        String kind;
        String instrId;
        String e2e;
        String party;
        final Map<String, Long> at = new HashMap<>();

        long lineOf(String field) {
            return at.getOrDefault(field, line);
        }

        StatementLine toLine(String source, String account) {
            if (account == null) {
                throw bad(source, line, "Acct/Id/Othr/Id", "the statement names no account before its entries");
            }
            if (!"BRL".equals(ccy)) {
                throw bad(source, lineOf("Amt"), "Amt/@Ccy", "must be BRL, got " + ccy);
            }
            long centavos;
            try {
                BigDecimal d = new BigDecimal(amt == null ? "" : amt);
                centavos = d.movePointRight(2).longValueExact();
                if (centavos <= 0) {
                    throw bad(source, lineOf("Amt"), "Amt", "must be positive, got " + amt);
                }
            } catch (NumberFormatException | ArithmeticException x) {
                throw bad(source, lineOf("Amt"), "Amt", "must be a decimal amount with at most 2 places, got '" + amt + "'");
            }
            String dir = "CRDT".equals(cdt) ? "C" : "DBIT".equals(cdt) ? "D" : "?" + cdt;
            if (dir.startsWith("?")) {
                throw bad(source, lineOf("CdtDbtInd"), "CdtDbtInd", "must be CRDT or DBIT, got '" + cdt + "'");
            }
            return StatementFormat.line(source, line, account, booking, value, ref, dir, centavos, e2e, instrId, party,
                    kind == null ? "" : kind.toUpperCase(Locale.ROOT));
        }
    }

    /** A statement and the layout it was read from: "csv" or "camt053". */
    public record Parsed(Statement statement, String format) {
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
        BufferedReader r = new BufferedReader(StrictText.reader(in, source, limits));
        try {
            r.mark(SNIFF_CHARS + 1);
            int c;
            int n = 0;
            do {
                c = r.read();
            } while (c >= 0 && Character.isWhitespace(c) && ++n < SNIFF_CHARS);
            r.reset();
            return c == '<' ? new Parsed(readCamt053(r, source, limits), "camt053")
                    : new Parsed(readCsv(r, source, limits), "csv");
        } catch (IOException e) {
            throw new BadInputException("cannot read " + source + ": " + e.getMessage());
        }
    }

    private static final int SNIFF_CHARS = 4096;
}
