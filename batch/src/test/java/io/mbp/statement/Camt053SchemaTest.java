package io.mbp.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Validator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/** Every camt.053 we write validates against the schema (ADR 0508); what the schema refuses, the reader refuses. */
class Camt053SchemaTest {
    static final LocalDate D = LocalDate.parse("2026-11-27");

    static StatementLine line(String id, char dir, long amount, String e2e, String kind) {
        return new StatementLine(0, id, "acct-1", D, D, dir, amount, e2e, "ref-" + id, "party " + id, kind);
    }

    static StatementLine with(StatementLine l, EntryStatus status, boolean reversal) {
        return new StatementLine(l.lineNo(), l.lineId(), l.account(), l.bookingDate(), l.valueDate(), l.direction(),
                l.amount(), l.e2eid(), l.reference(), l.counterparty(), l.kind(), status, reversal);
    }

    /** All the variants the simulator writes: batched N:1, pending, a reversal. */
    static Statement variants() {
        List<StatementLine> ls = new ArrayList<>();
        ls.add(line("L1", 'D', 3000, "E1", "PIX_OUT"));
        ls.add(new StatementLine(0, "L2", "acct-1", D, D, 'D', 10, "", "FEE-po-w-" + "0123456789abcdef".repeat(4), "PSP", "FEE"));
        ls.add(line("L3/1", 'C', 500, "E31", "PIX_IN"));
        ls.add(line("L3/2", 'C', 700, "E32", "PIX_IN"));
        ls.add(line("L3/3", 'C', 900, "E33", "PIX_IN"));
        ls.add(with(line("L4", 'D', 4000, "E4", "PIX_OUT"), EntryStatus.PENDING, false));
        ls.add(line("L5", 'D', 3000, "E1", "PIX_OUT"));
        ls.add(with(line("L6", 'C', 3000, "E1", "PIX_OUT"), EntryStatus.BOOKED, true));
        return new Statement("acct-1", D, ls).balancedFrom(1_000_000);
    }

    static String xml(Statement s) {
        return new String(StatementFormat.writeCamt053(s, "M1", "2026-11-28T06:00:00.123456789Z"), StandardCharsets.UTF_8);
    }

    static void validate(String xml, String ns) throws Exception {
        Validator v = CamtSchema.schema(ns).newValidator();
        v.validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void whatWeWriteValidatesAndReadsBackWithBalancesStatusAndReversal() throws Exception {
        Statement s = variants();
        String xml = xml(s);
        validate(xml, CamtSchema.V08);
        Statement back = StatementFormat.read(xml.getBytes(StandardCharsets.UTF_8), "v.xml");
        assertEquals(s.lines().stream().map(l -> l.renumber(0)).toList(), back.lines().stream().map(l -> l.renumber(0)).toList());
        assertEquals(s.balances(), back.balances());
        // OPBD 10,000.00 + credits 21.00 + reversal 30.00 - debits (30.00 + 0.10 + 30.00); the pending 40.00 does not count
        assertEquals(1_000_000 + 2100 + 3000 - 6010, back.closing().orElseThrow().amount());
        assertTrue(xml.contains("<RvslInd>true</RvslInd>"), "reversal");
        assertTrue(xml.contains("<Cd>PDNG</Cd>"), "pending");
        assertTrue(xml.contains("<NbOfTxs>3</NbOfTxs>"), "batched entry");
    }

    @Property(tries = 30)
    void anyStatementWeWriteValidates(@ForAll @Size(max = 20) List<@LongRange(min = 1, max = 999_999_999_99L) Long> amounts,
                                      @ForAll @LongRange(min = -999_999_999_99L, max = 999_999_999_99L) long opening) throws Exception {
        List<StatementLine> ls = new ArrayList<>();
        for (int i = 0; i < amounts.size(); i++) {
            ls.add(line("L" + i, i % 2 == 0 ? 'C' : 'D', amounts.get(i), i % 3 == 0 ? "" : "E" + i, "PIX_IN"));
        }
        Statement s = new Statement("acct-1", D, ls).balancedFrom(opening);
        validate(xml(s), CamtSchema.V08);
        assertEquals(s.closing(), StatementFormat.read(xml(s).getBytes(StandardCharsets.UTF_8), "p.xml").closing());
    }

    @Test
    void aStatementWithoutBalancesIsWhatTheIssueFoundAndIsRefused() {
        String noBal = xml(variants()).replaceAll("(?s)\\s*<Bal>.*?</Bal>", "");
        SAXException x = assertThrows(SAXException.class, () -> validate(noBal, CamtSchema.V08));
        assertTrue(x.getMessage().contains("TxsSummry") && x.getMessage().contains("Bal"), x.getMessage());
        BadInputException e = assertThrows(BadInputException.class,
                () -> StatementFormat.read(noBal.getBytes(StandardCharsets.UTF_8), "nobal.xml"));
        assertTrue(e.getMessage().matches("nobal\\.xml: line \\d+: element TxsSummry: not valid camt\\.053\\.001\\.08: "
                + "Invalid content was found starting with element 'TxsSummry'\\. One of '\\{RltdAcct, Intrst, Bal}' is expected\\."
                + "; nothing was imported"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> xml(new Statement("acct-1", D, variants().lines())));
    }

    @Test
    void theReaderRefusesWhatTheSchemaRefusesNamingTheElement() {
        String ok = xml(variants());
        String[][] cases = {
            {"<CdtDbtInd>DBIT</CdtDbtInd>", "<CdtDbtInd>DEBIT</CdtDbtInd>", "CdtDbtInd"},
            {"<NtryRef>L1</NtryRef>", "<NtryRef>" + "L".repeat(36) + "</NtryRef>", "NtryRef"},
            {"<MsgId>M1</MsgId>", "<MsgId>M1</MsgId><Oops>1</Oops>", "Oops"},
            {"<Dt>2026-11-27</Dt>", "<Dt>27/11/2026</Dt>", "Dt"},
        };
        for (String[] c : cases) {
            String bad = ok.replaceFirst(java.util.regex.Pattern.quote(c[0]), c[1]);
            assertThrows(SAXException.class, () -> validate(bad, CamtSchema.V08), c[2]);
            BadInputException e = assertThrows(BadInputException.class,
                    () -> StatementFormat.read(bad.getBytes(StandardCharsets.UTF_8), "bad.xml"), c[2]);
            assertTrue(e.getMessage().matches("bad\\.xml: line \\d+: element " + c[2] + ": not valid camt\\.053\\.001\\.08: .*"),
                    e.getMessage());
        }
    }

    @Test
    void aTxsSummaryThatDisagreesWithTheEntriesIsRefused() {
        String bad = xml(variants()).replaceFirst("<NbOfNtries>5</NbOfNtries>", "<NbOfNtries>7</NbOfNtries>");
        BadInputException e = assertThrows(BadInputException.class,
                () -> StatementFormat.read(bad.getBytes(StandardCharsets.UTF_8), "sum.xml"));
        assertTrue(e.getMessage().matches("sum\\.xml: line \\d+: field TxsSummry/TtlNtries/NbOfNtries: says 7 but the booked "
                + "entries give 5; nothing was imported"), e.getMessage());
    }

    @Test
    void aBatchedEntryWhoseDetailsDoNotAddUpIsRefused() {
        String bad = xml(variants()).replaceFirst("<Amt Ccy=\"BRL\">7.00</Amt>", "<Amt Ccy=\"BRL\">7.01</Amt>");
        BadInputException e = assertThrows(BadInputException.class,
                () -> StatementFormat.read(bad.getBytes(StandardCharsets.UTF_8), "b.xml"));
        assertTrue(e.getMessage().contains("field Amt: is 21.00 but its 3 TxDtls add up to 21.01"), e.getMessage());
    }

    /** camt.053.001.02, as many banks still send it: Sts is a code, parties have no Pty, detail amounts in AmtDtls. */
    static final String V02 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
              <BkToCstmrStmt>
                <GrpHdr><MsgId>B-1</MsgId><CreDtTm>2026-11-28T05:00:00</CreDtTm></GrpHdr>
                <Stmt>
                  <Id>S-1</Id>
                  <CreDtTm>2026-11-28T05:00:00</CreDtTm>
                  <Acct><Id><Othr><Id>acct-1</Id></Othr></Id><Ccy>BRL</Ccy></Acct>
                  <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="BRL">5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Dt><Dt>2026-11-27</Dt></Dt></Bal>
                  <Bal><Tp><CdOrPrtry><Cd>CLAV</Cd></CdOrPrtry></Tp><Amt Ccy="BRL">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-27</Dt></Dt></Bal>
                  <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="BRL">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-27</Dt></Dt></Bal>
                  <TxsSummry><TtlNtries><NbOfNtries>1</NbOfNtries><TtlNetNtryAmt>6.00</TtlNetNtryAmt><CdtDbtInd>CRDT</CdtDbtInd></TtlNtries></TxsSummry>
                  <Ntry>
                    <NtryRef>N1</NtryRef><Amt Ccy="BRL">6.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                    <BookgDt><Dt>2026-11-27</Dt></BookgDt><ValDt><Dt>2026-11-27</Dt></ValDt>
                    <BkTxCd><Prtry><Cd>PIX_IN</Cd></Prtry></BkTxCd>
                    <NtryDtls>
                      <TxDtls><Refs><EndToEndId>E1</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="BRL">2.50</Amt></TxAmt></AmtDtls>
                        <RltdPties><Dbtr><Nm>Loja A</Nm></Dbtr></RltdPties></TxDtls>
                      <TxDtls><Refs><EndToEndId>E2</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="BRL">3.50</Amt></TxAmt></AmtDtls></TxDtls>
                    </NtryDtls>
                  </Ntry>
                </Stmt>
              </BkToCstmrStmt>
            </Document>
            """;

    @Test
    void camt053Version02IsReadWithItsBalancesAndBatchedDetails() throws Exception {
        validate(V02, CamtSchema.V02);
        StatementFormat.Parsed p = StatementFormat.parse(new java.io.ByteArrayInputStream(V02.getBytes(StandardCharsets.UTF_8)),
                "v02.xml", io.mbp.input.InputLimits.STATEMENTS);
        Statement s = p.statement();
        assertEquals("camt053", p.format());
        assertEquals(-500, s.opening().orElseThrow().amount());
        assertEquals(100, s.closing().orElseThrow().amount());
        assertEquals(2, s.balances().size(), "CLAV is not a booked balance");
        assertEquals(List.of("N1/1", "N1/2"), s.lines().stream().map(StatementLine::lineId).toList());
        assertEquals(List.of(250L, 350L), s.lines().stream().map(StatementLine::amount).toList());
        assertEquals("Loja A", s.lines().get(0).counterparty());
        String noBal = V02.replaceAll("(?m)^\\s*<Bal>.*</Bal>\\n", "");
        BadInputException e = assertThrows(BadInputException.class,
                () -> StatementFormat.read(noBal.getBytes(StandardCharsets.UTF_8), "nb02.xml"));
        assertTrue(e.getMessage().contains("element TxsSummry: not valid camt.053.001.02"), e.getMessage());
    }
}
