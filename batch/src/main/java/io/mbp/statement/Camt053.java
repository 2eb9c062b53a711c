package io.mbp.statement;

import static io.mbp.statement.StatementFormat.MAX_XML_DEPTH;
import static io.mbp.statement.StatementFormat.bad;
import static io.mbp.statement.StatementFormat.uniqueLineIds;
import static io.mbp.statement.StatementFormat.whole;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import io.mbp.input.StrictText;
import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads ISO 20022 camt.053 (.001.02 and .001.08) with streaming StAX, validating each event against
 * the version's schema as it goes (ADR 0508): what the schema refuses is refused with its line and
 * element, nothing imported. One {@code Stmt} per file. Balances OPBD/CLBD/ITBD, entry status
 * BOOK/PDNG, {@code RvslInd}, and batched entries (several {@code TxDtls}: one line each, ids
 * "NtryRef/1", "NtryRef/2", ...). {@code TxsSummry}, when present, must agree with the entries.
 */
final class Camt053 {
    private Camt053() {
    }

    static Statement read(byte[] data, String source) {
        return read(StrictText.reader(new ByteArrayInputStream(data), source, InputLimits.STATEMENTS), source,
                InputLimits.STATEMENTS);
    }

    static Statement read(Reader reader, String source, InputLimits limits) {
        // The JDK's own StAX, whatever else is on the class path, so the properties below are known.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        // A statement file is data: no DTDs, no external entities.
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        CamtEntries st = new CamtEntries(source, limits);
        long line = 0;
        try {
            XMLStreamReader r = f.createXMLStreamReader(reader);
            String declared = r.getCharacterEncodingScheme();
            if (declared != null && !declared.equalsIgnoreCase("UTF-8") && !declared.equalsIgnoreCase("UTF8")) {
                throw new BadInputException(source + ": line 1: the XML declares encoding " + declared
                        + "; statements must be UTF-8; nothing was imported");
            }
            List<String> path = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            CamtSchema.Feed feed = null;
            try {
                while (r.hasNext()) {
                    int ev = r.next();
                    line = r.getLocation().getLineNumber();
                    if (ev == XMLStreamConstants.START_ELEMENT) {
                        String name = r.getLocalName();
                        if (path.isEmpty()) {
                            String ns = r.getNamespaceURI();
                            if (!"Document".equals(name) || !CamtSchema.known(ns)) {
                                throw new BadInputException(source + ": line " + line
                                        + ": not a camt.053.001.02 or .08 document (root " + name + " in " + ns + ")");
                            }
                            feed = new CamtSchema.Feed(ns, r);
                            st.version = ns;
                        }
                        path.add(name);
                        if (path.size() > MAX_XML_DEPTH) {
                            throw new BadInputException(source + ": line " + line + ": elements nested deeper than "
                                    + MAX_XML_DEPTH + " (ADR 0507); nothing was imported");
                        }
                        feed.start();
                        text.setLength(0);
                        st.start(String.join("/", path), name, r.getAttributeValue(null, "Ccy"), line);
                    } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
                            || ev == XMLStreamConstants.SPACE) {
                        if (text.length() + r.getTextLength() > limits.maxFieldChars()) {
                            throw new BadInputException(source + ": line " + line + ": "
                                    + (path.isEmpty() ? "text" : "element " + path.get(path.size() - 1))
                                    + ": text longer than the limit of " + String.format("%,d", limits.maxFieldChars())
                                    + " characters (ADR 0507); nothing was imported");
                        }
                        if (feed != null) {
                            feed.text();
                        }
                        text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                    } else if (ev == XMLStreamConstants.END_ELEMENT) {
                        feed.end();
                        st.end(String.join("/", path), text.toString().trim(), line);
                        text.setLength(0);
                        path.remove(path.size() - 1);
                    }
                }
                if (feed == null) {
                    throw new BadInputException(source + ": line " + line + ": no camt.053 document; nothing was imported");
                }
                feed.finish();
            } catch (CamtSchema.Violation v) {
                String el = path.isEmpty() ? "" : path.get(path.size() - 1);
                throw new BadInputException(source + ": line " + v.line + ": element " + el + ": not valid "
                        + version(st.version) + ": " + v.getMessage() + "; nothing was imported");
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
        List<StatementLine> lines = st.lines();
        uniqueLineIds(source, lines);
        st.checkSummary();
        // Entries are numbered by position (XML lines are for error messages only).
        List<StatementLine> numbered = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            numbered.add(lines.get(i).renumber(i + 1));
        }
        if (numbered.isEmpty()) {
            if (st.account == null || st.balances.isEmpty()) {
                throw new BadInputException(source + ": the statement has no entries and no balances; nothing was imported");
            }
            StatementBalance c = st.balances.stream().filter(b -> b.type() == BalanceType.CLOSING_BOOKED).findFirst()
                    .orElse(st.balances.get(0));
            return new Statement(st.account, c.date(), List.of(), st.balances);
        }
        Statement s = whole(source, numbered).withBalances(st.balances);
        if (!s.account().equals(st.account)) {
            throw bad(source, 1, "Acct/Id", "names " + st.account + " but the entries " + s.account());
        }
        return s;
    }

    static String version(String ns) {
        return ns == null ? "camt.053" : ns.substring(ns.lastIndexOf(':') + 1);
    }
}
