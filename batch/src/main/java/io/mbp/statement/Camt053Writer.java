package io.mbp.statement;

import static io.mbp.statement.StatementFormat.CAMT_NS;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes camt.053.001.08 that validates against the schema (ADR 0508): the statement's balances as
 * {@code Bal} (OPBD, CLBD, ITBD), a {@code TxsSummry} of the booked entries, then one {@code Ntry} per
 * line, except that lines whose ids share a prefix before '/' ("L7/1", "L7/2") are one batched entry
 * with a {@code TxDtls} each (N:1).
 */
final class Camt053Writer {
    private Camt053Writer() {
    }

    /** One Ntry: one line, or the lines of a batched entry ({@code batched}: written with Btch). */
    record Entry(String ref, List<StatementLine> lines, boolean batched) {
        StatementLine first() {
            return lines.get(0);
        }

        long amount() {
            return lines.stream().mapToLong(StatementLine::amount).sum();
        }
    }

    /**
     * Groups the lines into entries: "L7/1", "L7/2", ... (suffixes counting from 1, in order) are
     * the details of one batched entry L7, as {@link Camt053} reads them back; any other id is one entry.
     */
    static List<Entry> entries(Statement s) {
        List<Entry> out = new ArrayList<>();
        for (StatementLine l : s.lines()) {
            int slash = l.lineId().lastIndexOf('/');
            String ref = slash > 0 ? l.lineId().substring(0, slash) : l.lineId();
            String n = slash > 0 ? l.lineId().substring(slash + 1) : "";
            Entry last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.batched() && last.ref().equals(ref) && n.equals(Integer.toString(last.lines().size() + 1))) {
                if (last.first().direction() != l.direction() || last.first().status() != l.status()
                        || last.first().reversal() != l.reversal() || !last.first().bookingDate().equals(l.bookingDate())
                        || !last.first().valueDate().equals(l.valueDate())) {
                    throw new IllegalArgumentException("the lines of batched entry " + ref
                            + " differ in direction, status, reversal or dates");
                }
                last.lines().add(l);
            } else {
                List<StatementLine> ls = new ArrayList<>();
                ls.add(l);
                boolean first = n.equals("1");
                out.add(new Entry(first ? ref : l.lineId(), ls, first));
            }
        }
        return out;
    }

    static byte[] write(Statement s, String messageId, String createdAt) {
        if (s.opening().isEmpty() || s.closing().isEmpty()) {
            throw new IllegalArgumentException("a camt.053 statement states its opening and closing booked balances"
                    + " (Bal OPBD and CLBD); statement " + s.account() + " " + s.date() + " has none");
        }
        fits("account", s.account(), 34);
        for (StatementLine l : s.lines()) {
            fits("line id", l.lineId(), 35);
            fits("e2eid", l.e2eid(), 35);
            fits("reference", l.reference(), 140);
            fits("counterparty", l.counterparty(), 140);
            fits("kind", l.kind(), 35);
        }
        List<Entry> entries = entries(s);
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
            for (StatementBalance b : s.balances()) {
                w.open("Bal");
                w.open("Tp");
                w.open("CdOrPrtry");
                w.text("Cd", b.type().code());
                w.close();
                w.close();
                w.amount("Amt", Math.abs(b.amount()));
                w.text("CdtDbtInd", b.amount() < 0 ? "DBIT" : "CRDT");
                w.open("Dt");
                w.text("Dt", b.date().toString());
                w.close();
                w.close();
            }
            summary(w, entries);
            for (Entry e : entries) {
                entry(w, e);
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

    private static void fits(String what, String v, int max) {
        if (v.length() > max || v.isEmpty() && (what.equals("account") || what.equals("line id") || what.equals("kind"))) {
            throw new IllegalArgumentException(what + " '" + v + "' does not fit camt.053 (1 to " + max + " characters)");
        }
    }

    /** TxsSummry over the booked entries: what moves the booked balance from OPBD to CLBD (ADR 0509). */
    private static void summary(Xml w, List<Entry> entries) throws XMLStreamException {
        long nC = 0;
        long nD = 0;
        long sumC = 0;
        long sumD = 0;
        for (Entry e : entries) {
            if (!e.first().booked()) {
                continue;
            }
            if (e.first().direction() == 'C') {
                nC++;
                sumC += e.amount();
            } else {
                nD++;
                sumD += e.amount();
            }
        }
        w.open("TxsSummry");
        w.open("TtlNtries");
        w.text("NbOfNtries", Long.toString(nC + nD));
        w.text("Sum", decimal(sumC + sumD));
        w.open("TtlNetNtry");
        w.text("Amt", decimal(Math.abs(sumC - sumD)));
        w.text("CdtDbtInd", sumC - sumD < 0 ? "DBIT" : "CRDT");
        w.close();
        w.close();
        w.open("TtlCdtNtries");
        w.text("NbOfNtries", Long.toString(nC));
        w.text("Sum", decimal(sumC));
        w.close();
        w.open("TtlDbtNtries");
        w.text("NbOfNtries", Long.toString(nD));
        w.text("Sum", decimal(sumD));
        w.close();
        w.close();
    }

    private static void entry(Xml w, Entry e) throws XMLStreamException {
        StatementLine l = e.first();
        w.open("Ntry");
        w.text("NtryRef", e.ref());
        w.amount("Amt", e.amount());
        w.text("CdtDbtInd", l.direction() == 'C' ? "CRDT" : "DBIT");
        if (l.reversal()) {
            w.text("RvslInd", "true");
        }
        w.open("Sts");
        w.text("Cd", l.status().code());
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
        if (e.batched()) {
            w.open("Btch");
            w.text("NbOfTxs", Integer.toString(e.lines().size()));
            w.amount("TtlAmt", e.amount());
            w.text("CdtDbtInd", l.direction() == 'C' ? "CRDT" : "DBIT");
            w.close();
        }
        for (StatementLine d : e.lines()) {
            w.open("TxDtls");
            w.open("Refs");
            if (!d.reference().isEmpty() && d.reference().length() <= 35) {
                w.text("InstrId", d.reference());
            }
            if (!d.e2eid().isEmpty()) {
                w.text("EndToEndId", d.e2eid());
            }
            w.close();
            if (e.batched()) {
                w.amount("Amt", d.amount());
                w.text("CdtDbtInd", d.direction() == 'C' ? "CRDT" : "DBIT");
                w.open("BkTxCd");
                w.open("Prtry");
                w.text("Cd", d.kind());
                w.close();
                w.close();
            }
            if (!d.counterparty().isEmpty()) {
                w.open("RltdPties");
                w.open(d.direction() == 'C' ? "Dbtr" : "Cdtr");
                w.open("Pty");
                w.text("Nm", d.counterparty());
                w.close();
                w.close();
                w.close();
            }
            if (d.reference().length() > 35) {
                // Longer than InstrId (Max35Text) holds, as our derived instruction ids are: the
                // unstructured remittance information (Max140Text) carries it.
                w.open("RmtInf");
                w.text("Ustrd", d.reference());
                w.close();
            }
            w.close();
        }
        w.close();
        w.close();
    }

    static String decimal(long centavos) {
        return BigDecimal.valueOf(centavos, 2).toPlainString();
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

        void amount(String name, long centavos) throws XMLStreamException {
            indent();
            raw.writeStartElement(name);
            raw.writeAttribute("Ccy", "BRL");
            raw.writeCharacters(decimal(centavos));
            raw.writeEndElement();
        }
    }
}
