package io.mbp.recon;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import io.mbp.statement.Statement;
import io.mbp.statement.StatementFormat;
import io.mbp.statement.StatementLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, defect 8 (statements): a header ending in a comma, repeated or unknown columns, broken
 * quoting, a latin-1 byte and a repeated line id are all refused as bad input (exit 4) naming the
 * file and line, never an unexpected error, a U+FFFD stored, or a line imported twice.
 */
class StatementHardeningTest {
    static final String HEADER = String.join(",", StatementFormat.CSV_HEADER);
    static final String L1 = "acct-1,2026-11-27,2026-11-27,L1,D,100,E1,r1,p,PIX_OUT\n";
    static final String L2 = "acct-1,2026-11-27,2026-11-27,L2,D,200,E2,r2,p,PIX_OUT\n";

    @TempDir
    Path tmp;

    static BadInputException refused(String csv, String source) {
        return refused(csv.getBytes(StandardCharsets.UTF_8), source);
    }

    static BadInputException refused(byte[] data, String source) {
        return assertThrows(BadInputException.class, () -> StatementFormat.read(data, source));
    }

    @Test
    void headerEndingInACommaIsBadInputNamingFileLineAndColumn() {
        BadInputException e = refused(HEADER + ",\n" + L1, "st.csv");
        assertTrue(e.getMessage().startsWith("st.csv: line 1: "), e.getMessage());
        assertTrue(e.getMessage().contains("column 11 has no name (a trailing comma?)"), e.getMessage());
    }

    @Test
    void repeatedOrUnknownColumnsAreRefusedByName() {
        BadInputException e = refused(HEADER + ",kind\n" + L1.replace("\n", ",PIX_OUT\n"), "st.csv");
        assertTrue(e.getMessage().contains("column kind appears twice"), e.getMessage());
        e = refused(HEADER + ",note\n" + L1.replace("\n", ",x\n"), "st.csv");
        assertTrue(e.getMessage().contains("unknown column note"), e.getMessage());
        e = refused(HEADER.replace(",e2eid", "") + "\n", "st.csv");
        assertTrue(e.getMessage().contains("missing e2eid"), e.getMessage());
    }

    @Test
    void columnsMayComeInAnyOrder() {
        Statement s = StatementFormat.read(("kind,account,booking_date,value_date,line_id,direction,amount_centavos,e2eid,"
                + "reference,counterparty\nFEE,acct-1,2026-11-27,2026-11-27,L9,D,7,,FEE-x,PSP\n").getBytes(StandardCharsets.UTF_8), "o.csv");
        assertEquals("FEE", s.lines().get(0).kind());
        assertEquals(7, s.lines().get(0).amount());
    }

    @Test
    void unbalancedQuoteIsNamedByTheLineItStartsOn() {
        BadInputException e = refused(HEADER + "\n" + L1 + "acct-1,2026-11-27,2026-11-27,L2,D,200,E2,\"r2,p,PIX_OUT\n", "q.csv");
        assertTrue(e.getMessage().startsWith("q.csv: line 3: "), e.getMessage());
    }

    @Test
    void aLatin1ByteIsRefusedNamingTheLineNotStoredAsAReplacementCharacter() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((HEADER + "\n" + L1).getBytes(StandardCharsets.UTF_8));
        b.writeBytes("acct-1,2026-11-27,2026-11-27,L2,D,200,E2,r2,Jos".getBytes(StandardCharsets.UTF_8));
        b.write(0xE9); // 'é' in latin-1: not UTF-8
        b.writeBytes(",PIX_OUT\n".getBytes(StandardCharsets.UTF_8));
        BadInputException e = refused(b.toByteArray(), "l1.csv");
        assertTrue(e.getMessage().startsWith("l1.csv: line 3: not valid UTF-8 (byte 0xE9"), e.getMessage());
    }

    @Test
    void aLatin1ByteInCamt053IsRefusedNamingTheLine() {
        Statement s = new Statement("acct-1", LocalDate.parse("2026-11-27"), List.of(
                new StatementLine(1, "L1", "acct-1", LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-27"), 'C',
                        100, "E1", "", "Jose", "PIX_IN"))).balancedFrom(0);
        String xml = new String(StatementFormat.writeCamt053(s, "M", "2026-11-28T06:00:00Z"), StandardCharsets.UTF_8);
        int at = xml.indexOf("Jose") + 3;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
        b.write(0xE9);
        b.writeBytes(xml.substring(at + 1).getBytes(StandardCharsets.UTF_8));
        long line = xml.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        BadInputException e = refused(b.toByteArray(), "l1.xml");
        assertTrue(e.getMessage().startsWith("l1.xml: line " + line + ": not valid UTF-8"), e.getMessage());
    }

    @Test
    void aRepeatedLineIdIsRefusedNamingBothLines() {
        BadInputException e = refused(HEADER + "\n" + L1 + L2 + L1.replace("E1", "E3"), "d.csv");
        assertTrue(e.getMessage().startsWith("d.csv: line 4: field line_id: 'L1' is also the id of line 2"), e.getMessage());
    }

    @Test
    void aRepeatedNtryRefInCamt053IsRefusedNamingBothLines() {
        LocalDate d = LocalDate.parse("2026-11-27");
        Statement s = new Statement("acct-1", d, List.of(
                new StatementLine(1, "L1", "acct-1", d, d, 'C', 100, "E1", "", "a", "PIX_IN"),
                new StatementLine(2, "L1", "acct-1", d, d, 'C', 200, "E2", "", "b", "PIX_IN"))).balancedFrom(0);
        String xml = new String(StatementFormat.writeCamt053(s, "M", "2026-11-28T06:00:00Z"), StandardCharsets.UTF_8);
        String[] lines = xml.split("\n", -1);
        long first = 0;
        long second = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("<Ntry>")) {
                if (first == 0) {
                    first = i + 1;
                } else {
                    second = i + 1;
                }
            }
        }
        BadInputException e = refused(xml.getBytes(StandardCharsets.UTF_8), "d.xml");
        assertTrue(e.getMessage().startsWith("d.xml: line " + second + ": field line_id: 'L1' is also the id of line " + first),
                e.getMessage());
    }

    @EveryEngine
    void aRefusedStatementWritesNothing(TestDatabase engine) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T06:00:00Z"), ZoneOffset.UTC);
        try (Database db = Database.openMigrated(engine.url())) {
            ReconService svc = new ReconService(db, clock);
            byte[] dup = (HEADER + "\n" + L1 + L1).getBytes(StandardCharsets.UTF_8);
            assertThrows(BadInputException.class, () -> svc.importStatement(dup, "dup.csv", "acct-1", LocalDate.parse("2026-11-27")));
            assertEquals(0, new EventLog(db).size());
            assertFalse(svc.importStatement((HEADER + "\n" + L1 + L2).getBytes(StandardCharsets.UTF_8), "ok.csv", "acct-1",
                    LocalDate.parse("2026-11-27")).alreadyImported());
            assertEquals(1, new EventLog(db).size());
        }
    }
}
