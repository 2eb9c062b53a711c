package io.mbp.statement;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * OFX bank statements (ADR 0511): 1.x SGML ({@code OFXHEADER:100}) and 2.x XML
 * ({@code <?OFX OFXHEADER="200" ...?>}), one {@code STMTRS} of one account and one day, read with
 * {@link OfxTokenizer} and written by hand (the layout is a handful of fixed aggregates). A
 * malformed file is refused naming its line; nothing is imported.
 */
final class Ofx {
    enum Version { V1, V2 }

    static final DateTimeFormatter YMD = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    static final DateTimeFormatter YMDHMS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    /** OFX dates: YYYYMMDD, then optionally HHMMSS, .XXX and a [offset:TZ] suffix. */
    private static final Pattern DATE = Pattern.compile("[0-9]{8}([0-9]{4}([0-9]{2}(\\.[0-9]{3})?)?)?(\\[[-+]?[0-9.]+(:[A-Za-z]+)?\\])?");
    /** Amounts: a sign, digits, a '.' or ',' decimal point (OFX allows both) and at most 2 decimals. */
    private static final Pattern AMOUNT = Pattern.compile("[-+]?[0-9]{1,16}([.,][0-9]{0,2})?");

    /** Our kinds as OFX transaction types; {@link #KIND_BY_TYPE} also reads a bank's generic types. */
    static final Map<String, String> TYPE_BY_KIND = Map.of("PIX_OUT", "PAYMENT", "PIX_IN", "XFER", "FEE", "FEE",
            "RETURN", "OTHER");
    static final Map<String, String> KIND_BY_TYPE = Map.of("PAYMENT", "PIX_OUT", "DEBIT", "PIX_OUT", "DIRECTDEBIT",
            "PIX_OUT", "XFER", "PIX_IN", "CREDIT", "PIX_IN", "DEP", "PIX_IN", "DIRECTDEP", "PIX_IN", "FEE", "FEE",
            "SRVCHG", "FEE", "OTHER", "RETURN");

    private Ofx() {
    }

    // ------------------------------------------------------------------------------------ writing

    /** The statement as OFX {@code version}: booked lines only, with LEDGERBAL, AVAILBAL and the opening balance. */
    static byte[] write(Statement s, Version version, LocalDateTime createdAt) {
        Accounts.Parts acct = Accounts.split(s.account());
        long net = s.bookedNet();
        long opening = s.opening().map(StatementBalance::amount).orElse(s.closing().map(c -> c.amount() - net).orElse(0L));
        long closing = s.closing().map(StatementBalance::amount).orElse(opening + net);
        Out o = new Out(version);
        if (version == Version.V1) {
            o.sb.append("OFXHEADER:100\nDATA:OFXSGML\nVERSION:160\nSECURITY:NONE\nENCODING:UTF-8\nCHARSET:NONE\n"
                    + "COMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n");
        } else {
            o.sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
                    + "<?OFX OFXHEADER=\"200\" VERSION=\"220\" SECURITY=\"NONE\" OLDFILEUID=\"NONE\" NEWFILEUID=\"NONE\"?>\n");
        }
        o.open("OFX");
        o.open("SIGNONMSGSRSV1").open("SONRS").status().leaf("DTSERVER", YMDHMS.format(createdAt)).leaf("LANGUAGE", "POR")
                .close().close();
        o.open("BANKMSGSRSV1").open("STMTTRNRS").leaf("TRNUID", "1").status().open("STMTRS").leaf("CURDEF", "BRL");
        o.open("BANKACCTFROM").leaf("BANKID", acct.ispb()).leaf("BRANCHID", acct.branch()).leaf("ACCTID", acct.number())
                .leaf("ACCTTYPE", "CHECKING").close();
        o.open("BANKTRANLIST").leaf("DTSTART", YMD.format(s.date())).leaf("DTEND", YMD.format(s.date()));
        for (StatementLine l : s.lines()) {
            if (!l.booked()) {
                continue;
            }
            o.open("STMTTRN").leaf("TRNTYPE", TYPE_BY_KIND.get(l.kind())).leaf("DTPOSTED", YMD.format(l.bookingDate()))
                    .leaf("DTAVAIL", YMD.format(l.valueDate())).leaf("TRNAMT", amount(l.signedAmount()))
                    .leaf("FITID", l.lineId()).leaf("REFNUM", l.e2eid()).leaf("NAME", l.counterparty())
                    .leaf("MEMO", l.reference()).close();
        }
        o.close();
        String closingDate = YMD.format(s.closing().map(StatementBalance::date).orElse(s.date()));
        o.open("LEDGERBAL").leaf("BALAMT", amount(closing)).leaf("DTASOF", closingDate).close();
        o.open("AVAILBAL").leaf("BALAMT", amount(closing)).leaf("DTASOF", closingDate).close();
        o.open("BALLIST").open("BAL").leaf("NAME", "OPBD").leaf("DESC", "Opening booked balance").leaf("BALTYPE", "DOLLAR")
                .leaf("VALUE", amount(opening))
                .leaf("DTASOF", YMD.format(s.opening().map(StatementBalance::date).orElse(s.date()))).close().close();
        o.close().close().close().close();
        return o.sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String amount(long centavos) {
        return BigDecimal.valueOf(centavos, 2).toPlainString();
    }

    /** Indented OFX; leaves are left open in 1.x (as SGML OFX writes them) and closed in 2.x. */
    private static final class Out {
        final StringBuilder sb = new StringBuilder();
        final List<String> open = new ArrayList<>();
        final Version version;

        Out(Version version) {
            this.version = version;
        }

        Out open(String name) {
            sb.append("  ".repeat(open.size())).append('<').append(name).append(">\n");
            open.add(name);
            return this;
        }

        Out close() {
            String name = open.remove(open.size() - 1);
            sb.append("  ".repeat(open.size())).append("</").append(name).append(">\n");
            return this;
        }

        Out leaf(String name, String value) {
            if (value.isEmpty()) {
                return this; // OFX has no empty elements: an absent value is an absent element
            }
            sb.append("  ".repeat(open.size())).append('<').append(name).append('>').append(escape(value));
            if (version == Version.V2) {
                sb.append("</").append(name).append('>');
            }
            sb.append('\n');
            return this;
        }

        Out status() {
            return open("STATUS").leaf("CODE", "0").leaf("SEVERITY", "INFO").close();
        }

        private static String escape(String v) {
            return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }

    // ------------------------------------------------------------------------------------ reading

    /** Reads one OFX statement (1.x or 2.x, told apart by the header) within {@code limits}. */
    static Statement read(Reader reader, String source, InputLimits limits) {
        PushbackReader in = new PushbackReader(reader, 1);
        long[] line = {1};
        Version version = header(in, source, line);
        OfxTokenizer t = new OfxTokenizer(in, source, limits, line[0]);
        if (version == Version.V2) {
            OfxTokenizer.Event e = t.next();
            if (e instanceof OfxTokenizer.Instruction i && i.text().startsWith("?xml")) {
                e = t.next();
            }
            if (!(e instanceof OfxTokenizer.Instruction i) || !i.text().startsWith("?OFX ")
                    || !i.text().contains("OFXHEADER=\"200\"")) {
                throw t.bad(e == null ? line[0] : e.line(), "an OFX 2 file starts with <?OFX OFXHEADER=\"200\" ...?>");
            }
        }
        return new OfxStatement(source, limits, t).read();
    }

    /** Reads the 1.x header lines (KEY:VALUE up to the first '<'), or sees that an XML (2.x) file starts. */
    private static Version header(PushbackReader in, String source, long[] line) {
        try {
            Map<String, String> h = new LinkedHashMap<>();
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '<') {
                if (c == '\n') {
                    String l = sb.toString().strip();
                    if (!l.isEmpty()) {
                        int colon = l.indexOf(':');
                        if (colon <= 0 || h.size() > 32) {
                            throw new BadInputException(source + ": line " + line[0] + ": an OFX 1 header line is KEY:VALUE"
                                    + (h.isEmpty() ? " starting with OFXHEADER:100" : "") + "; nothing was imported");
                        }
                        h.put(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
                    }
                    sb.setLength(0);
                    line[0]++;
                } else if (sb.length() < 256) {
                    sb.append((char) c);
                }
            }
            if (c < 0) {
                throw new BadInputException(source + ": line " + line[0] + ": no OFX body (no '<'); nothing was imported");
            }
            in.unread(c);
            if (!sb.toString().isBlank()) {
                throw new BadInputException(source + ": line " + line[0] + ": text before the OFX body; nothing was imported");
            }
            if (h.isEmpty()) {
                return Version.V2;
            }
            if (!"100".equals(h.get("OFXHEADER")) || !"OFXSGML".equals(h.get("DATA"))
                    || !h.getOrDefault("VERSION", "").matches("1[0-9][0-9]")) {
                throw new BadInputException(source + ": line 1: an OFX 1 header names OFXHEADER:100, DATA:OFXSGML and a "
                        + "VERSION 1xx, got " + h.keySet().stream().map(k -> k + ":" + h.get(k)).limit(3).toList()
                        + "; nothing was imported");
            }
            return Version.V1;
        } catch (IOException e) {
            throw new BadInputException("cannot read " + source + ": " + e.getMessage());
        }
    }

    /** {@code text} as a date (the YYYYMMDD of an OFX date-time); a bad one names its line. */
    static LocalDate date(OfxTokenizer t, OfxTokenizer.Leaf leaf) {
        if (DATE.matcher(leaf.value()).matches()) {
            try {
                return LocalDate.parse(leaf.value().substring(0, 8), YMD);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw t.bad(leaf.line(), leaf.name() + " must be an OFX date like 20261127 or 20261127120000[-3:BRT], got '"
                + leaf.value() + "'");
    }

    /** Signed centavos of a decimal amount, exactly: at most 2 decimals, '.' or ',' as the point. */
    static long centavos(OfxTokenizer t, OfxTokenizer.Leaf leaf) {
        if (!AMOUNT.matcher(leaf.value()).matches()) {
            throw t.bad(leaf.line(), leaf.name() + " must be a decimal amount with at most 2 decimals, got '"
                    + leaf.value() + "'");
        }
        return new BigDecimal(leaf.value().replace(',', '.')).movePointRight(2).longValueExact();
    }
}
