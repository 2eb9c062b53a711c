package io.mbp.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * samples/statements: the sample day as CNAB 240 and OFX 1.x/2.x is the CSV sample's day, with the
 * bank's balances; each defect sample has exactly the defect its name says; the malformed samples
 * are refused naming the record and position, or the line.
 */
class BankStatementSamplesTest {
    static final Path DIR = Path.of("../samples/statements");

    static StatementFormat.Parsed parse(String name) throws Exception {
        try (InputStream in = Files.newInputStream(DIR.resolve(name))) {
            return StatementFormat.parse(in, name, InputLimits.STATEMENTS);
        }
    }

    static long unexplained(Statement s) {
        return s.closing().orElseThrow().amount() - s.opening().orElseThrow().amount() - s.bookedNet();
    }

    /** CNAB 240 keeps one id per entry: the E2EID when there is one (ADR 0510). */
    static Statement asCnab(Statement s) {
        List<StatementLine> lines = new ArrayList<>();
        for (StatementLine l : s.lines()) {
            lines.add(new StatementLine(l.lineNo(), l.lineId(), l.account(), l.bookingDate(), l.valueDate(), l.direction(),
                    l.amount(), l.e2eid(), l.e2eid().isEmpty() ? l.reference() : "", l.counterparty(), l.kind()));
        }
        return new Statement(s.account(), s.date(), lines);
    }

    static Statement linesOnly(Statement s) {
        return StatementSamples.byPosition(new Statement(s.account(), s.date(), s.lines()));
    }

    @Test
    void theSampleDayIsTheSameDayInEveryLayout() throws Exception {
        Statement csv = parse("2026-11-27.csv").statement();
        StatementFormat.Parsed cnab = parse("2026-11-27.cnab240");
        StatementFormat.Parsed ofx = parse("2026-11-27.ofx");
        StatementFormat.Parsed ofx2 = parse("2026-11-27.v2.ofx");
        assertEquals(StatementFormat.Layout.CNAB240, cnab.layout());
        assertEquals(StatementFormat.Layout.OFX, ofx.layout());
        assertEquals(StatementFormat.Layout.OFX, ofx2.layout());
        assertEquals(linesOnly(csv), linesOnly(ofx.statement()));
        assertEquals(linesOnly(csv), linesOnly(ofx2.statement()));
        assertEquals(linesOnly(asCnab(csv)), linesOnly(cnab.statement()));
        Statement camt = parse("2026-11-27.camt053.xml").statement();
        assertEquals(linesOnly(csv), linesOnly(camt));
        for (StatementFormat.Parsed p : List.of(cnab, ofx, ofx2)) {
            assertEquals(camt.balances(), p.statement().balances(), p.layout() + " states the camt.053 sample's balances");
            assertEquals(0, unexplained(p.statement()), p.layout() + " adds up");
        }
    }

    @Test
    void theWrongClosingBalanceIsOffByOneCentavo() throws Exception {
        Statement s = parse("bad/2026-11-27.wrong-closing.cnab240").statement();
        assertEquals(linesOnly(parse("2026-11-27.cnab240").statement()), linesOnly(s));
        assertEquals(1, unexplained(s));
    }

    @Test
    void theMissingEntryIsOneCreditTheBalancesStillCount() throws Exception {
        Statement full = parse("2026-11-27.ofx").statement();
        Statement s = parse("bad/2026-11-27.missing-entry.ofx").statement();
        assertEquals(full.lines().size() - 1, s.lines().size());
        List<StatementLine> gone = new ArrayList<>(linesOnly(full).lines());
        gone.removeIf(l -> s.lines().stream().anyMatch(x -> x.lineId().equals(l.lineId())));
        assertEquals(1, gone.size());
        assertEquals(gone.get(0).amount(), unexplained(s));
        assertEquals(full.balances(), s.balances());
    }

    @Test
    void theNextDayOpensFiveReaisAboveTheSampleDaysClose() throws Exception {
        Statement d = parse("2026-11-27.cnab240").statement();
        Statement next = parse("bad/2026-11-28.gap.cnab240").statement();
        assertEquals(d.date().plusDays(1), next.date());
        assertEquals(0, unexplained(next));
        assertEquals(500, next.opening().orElseThrow().amount() - d.closing().orElseThrow().amount());
    }

    @Test
    void theMalformedSamplesNameRecordAndPositionOrLine() {
        assertEquals("malformed-record-3.cnab240: record 3, position 156 (amount, 151-168): must be digits, got "
                + "'00000x000000000010'; nothing was imported",
                assertThrows(BadInputException.class, () -> parse("bad/malformed-record-3.cnab240")).getMessage()
                        .replace("bad/", ""));
        assertEquals("malformed-line-44.ofx: line 44: TRNAMT must be a decimal amount with at most 2 decimals, got "
                + "'-30.005'; nothing was imported",
                assertThrows(BadInputException.class, () -> parse("bad/malformed-line-44.ofx")).getMessage()
                        .replace("bad/", ""));
    }
}
