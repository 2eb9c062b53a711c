package io.mbp.statement;

import static io.mbp.statement.StatementFormat.CAMT_NS;
import static io.mbp.statement.StatementFormat.MAX_XML_DEPTH;
import static io.mbp.statement.StatementFormat.bad;
import static io.mbp.statement.StatementFormat.line;
import static io.mbp.statement.StatementFormat.uniqueLineIds;
import static io.mbp.statement.StatementFormat.whole;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import io.mbp.input.StrictText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.math.BigDecimal;
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

/** ISO 20022 camt.053.001.08, the subset we write and read, with streaming StAX. */
final class Camt053 {
    private Camt053() {
    }

    /** A camt.053.001.08 BkToCstmrStmt with one Stmt and one Ntry per line (amounts as decimal reais). */
    static byte[] write(Statement s, String messageId, String createdAt) {
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

    /** Reads the camt.053 subset {@link #write} writes; an entry's errors name its line in the file. */
    static Statement read(byte[] data, String source) {
        return read(StrictText.reader(new ByteArrayInputStream(data), source, InputLimits.STATEMENTS), source,
                InputLimits.STATEMENTS);
    }

    /**
     * Reads camt.053 from a (strict UTF-8) reader with streaming StAX, within {@code limits} (entries,
     * text length) and {@link #MAX_XML_DEPTH}; a pure entry point for tests and fuzzing.
     */
    static Statement read(Reader reader, String source, InputLimits limits) {
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
}
