package io.mbp.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfxTest {
    static final LocalDateTime AT = LocalDateTime.parse("2026-11-28T05:00:00");

    static String ofx(boolean v2) {
        return new String(BankStatements.writeOfx(StatementSamples.day(), v2, AT), StandardCharsets.UTF_8);
    }

    static Statement read(String text) {
        return BankStatements.readOfx(new StringReader(text), "x.ofx", InputLimits.STATEMENTS);
    }

    static String refused(String text) {
        String m = assertThrows(BadInputException.class, () -> read(text)).getMessage();
        return m;
    }

    /** OFX carries no reversal indicator: the day as OFX can state it. */
    static Statement asOfx(Statement s) {
        List<StatementLine> lines = new ArrayList<>();
        for (StatementLine l : s.lines()) {
            lines.add(new StatementLine(l.lineNo(), l.lineId(), l.account(), l.bookingDate(), l.valueDate(), l.direction(),
                    l.amount(), l.e2eid(), l.reference(), l.counterparty(), l.kind()));
        }
        return StatementSamples.byPosition(new Statement(s.account(), s.date(), lines, s.balances()));
    }

    @Test
    void version1IsSgmlWithOpenLeavesAndReadsBack() {
        String text = ofx(false);
        assertTrue(text.startsWith("OFXHEADER:100\nDATA:OFXSGML\nVERSION:160\n"), text);
        assertTrue(text.contains("<TRNAMT>-30.00\n"), text);
        assertFalse(text.contains("</TRNAMT>"), text);
        assertEquals(asOfx(StatementSamples.day()), StatementSamples.byPosition(read(text)));
    }

    @Test
    void version2IsXmlWithClosedLeavesAndReadsBack() {
        String text = ofx(true);
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<?OFX OFXHEADER=\"200\""), text);
        assertTrue(text.contains("<TRNAMT>-30.00</TRNAMT>"), text);
        assertEquals(asOfx(StatementSamples.day()), StatementSamples.byPosition(read(text)));
    }

    @Test
    void theImporterPicksOfxByContentEitherVersion() {
        for (boolean v2 : new boolean[] {false, true}) {
            StatementFormat.Parsed p = StatementFormat.parse(new ByteArrayInputStream(ofx(v2).getBytes(StandardCharsets.UTF_8)),
                    "x", InputLimits.STATEMENTS);
            assertEquals(StatementFormat.Layout.OFX, p.layout());
            assertEquals(StatementSamples.day().closing(), p.statement().closing());
            assertEquals(StatementSamples.day().opening(), p.statement().opening());
        }
    }

    @Test
    void theTokenizerClosesLeavesAndKeepsAggregatesOpen() {
        OfxTokenizer t = new OfxTokenizer(new StringReader("<A>\n<B>1\n<C>x &amp; y</C>\n<D></D>\n</A>"), "t",
                InputLimits.STATEMENTS, 1);
        List<String> events = new ArrayList<>();
        OfxTokenizer.Event e;
        while ((e = t.next()) != null) {
            events.add(e.toString());
        }
        assertEquals(List.of("Start[name=A, line=1]", "Leaf[name=B, value=1, line=2]", "Leaf[name=C, value=x & y, line=3]",
                "Leaf[name=D, value=, line=4]", "End[name=A, line=5]"), events);
    }

    @Test
    void anUnclosedAggregateOrAStrayEndTagNamesTheLine() {
        String text = ofx(false);
        assertEquals("x.ofx: line 49: <STMTTRN> inside the <STMTTRN> opened on line 40, which is not closed; "
                + "nothing was imported", refused(text.replaceFirst("</STMTTRN>", "")));
        assertEquals("x.ofx: line 48: </BANKTRANLIST> closes nothing open here (<STMTTRN> opened on line 40 is); "
                + "nothing was imported", refused(text.replaceFirst("</STMTTRN>", "</BANKTRANLIST>")));
        String cut = text.substring(0, text.indexOf("</OFX>"));
        assertTrue(refused(cut).contains(": the file ends inside <OFX> opened on line 11: it is never closed"), refused(cut));
    }

    @Test
    void amountsAreExactWithAtMostTwoDecimals() {
        String text = ofx(false);
        assertTrue(refused(text.replace("<TRNAMT>-30.00", "<TRNAMT>-30.001")).matches(
                "x\\.ofx: line 44: TRNAMT must be a decimal amount with at most 2 decimals, got '-30.001'.*"));
        assertTrue(refused(text.replace("<TRNAMT>-30.00", "<TRNAMT>-3e1")).contains("line 44: TRNAMT must be a decimal"));
        // OFX allows a comma as the decimal point.
        assertEquals(3000, read(text.replace("<TRNAMT>-30.00", "<TRNAMT>-30,00")).lines().get(0).amount());
        assertEquals(3050, read(text.replace("<TRNAMT>-30.00", "<TRNAMT>-30.5")).lines().get(0).amount());
    }

    @Test
    void anUnknownTransactionTypeOrBadDateNamesTheLine() {
        String text = ofx(true);
        assertTrue(refused(text.replaceFirst("<TRNTYPE>PAYMENT", "<TRNTYPE>INT")).matches(
                "x\\.ofx: line 33: TRNTYPE INT is none of \\[.*"));
        assertTrue(refused(text.replaceFirst("<DTPOSTED>20261127", "<DTPOSTED>20261327")).contains(
                "DTPOSTED must be an OFX date"));
    }

    @Test
    void aDoctypeOrAnotherRootIsRefused() {
        String text = ofx(true);
        assertTrue(refused(text.replace("<OFX>", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><OFX>"))
                .contains("a DTD or declaration"));
        assertTrue(refused("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<HTML>\n</HTML>\n")
                .startsWith("x.ofx: line 5: the root element is <HTML>, not <OFX>"));
        assertTrue(refused("OFXHEADER:200\nDATA:XML\n\n<OFX></OFX>").startsWith("x.ofx: line 1: an OFX 1 header"));
    }

    @Test
    void theBankAccountBecomesOurAccountText() {
        assertEquals(StatementSamples.ACCOUNT, read(ofx(false)).account());
    }

    @Test
    void aDayWithoutEntriesKeepsItsBalances() {
        Statement quiet = new Statement(StatementSamples.ACCOUNT, StatementSamples.DAY, List.of()).balancedFrom(123_45);
        for (boolean v2 : new boolean[] {false, true}) {
            assertEquals(quiet, read(new String(BankStatements.writeOfx(quiet, v2, AT), StandardCharsets.UTF_8)));
        }
    }
}
