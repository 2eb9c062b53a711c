package io.mbp.recon;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import io.mbp.statement.Statement;
import io.mbp.statement.StatementFormat;
import io.mbp.statement.StatementLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.events.EventLog;
import io.mbp.input.InputLimits;
import io.mbp.sql.Database;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements are read streaming within {@link InputLimits}; past a limit, exit 4 naming it and the file. */
class StatementLimitsTest {
    static final LocalDate D = LocalDate.parse("2026-11-27");
    static final InputLimits SMALL = new InputLimits(64 * 1024, 3, 40);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T06:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    static Statement statement(int lines, String party) {
        List<StatementLine> ls = new ArrayList<>();
        for (int i = 1; i <= lines; i++) {
            ls.add(new StatementLine(i, "L" + i, "acct-1", D, D, 'C', 100L * i, "E" + i, "", party, "PIX_IN"));
        }
        return new Statement("acct-1", D, ls);
    }

    static String refused(byte[] data, String source) {
        return assertThrows(BadInputException.class,
                () -> StatementFormat.parse(new ByteArrayInputStream(data), source, SMALL)).getMessage();
    }

    static byte[] camt(Statement s) {
        return StatementFormat.writeCamt053(s.balancedFrom(0), "M", "2026-11-28T06:00:00Z");
    }

    @Test
    void atTheLimitsBothLayoutsAreRead() {
        Statement s = statement(3, "p".repeat(40));
        assertEquals("csv", StatementFormat.parse(new ByteArrayInputStream(StatementFormat.writeCsv(s)), "s.csv", SMALL).format());
        StatementFormat.Parsed x = StatementFormat.parse(new ByteArrayInputStream(camt(s)), "s.xml", SMALL);
        assertEquals("camt053", x.format());
        assertEquals(3, x.statement().lines().size());
    }

    @Test
    void moreLinesThanTheLimitAreRefused() {
        assertEquals("s.csv: line 5: more than the limit of 3 rows for one input file (ADR 0507); nothing was written",
                refused(StatementFormat.writeCsv(statement(4, "p")), "s.csv"));
        String m = refused(camt(statement(4, "p")), "s.xml");
        assertTrue(m.matches("s\\.xml: line \\d+: more than the limit of 3 entries for one statement \\(ADR 0507\\); nothing was imported"), m);
    }

    @Test
    void aFieldLongerThanTheLimitIsRefusedByName() {
        assertEquals("s.csv: line 2: field counterparty: 41 characters, over the limit of 40 (ADR 0507); nothing was written",
                refused(StatementFormat.writeCsv(statement(1, "p".repeat(41))), "s.csv"));
        String m = refused(camt(statement(1, "p".repeat(41))), "s.xml");
        assertTrue(m.matches("s\\.xml: line \\d+: element Nm: text longer than the limit of 40 characters .*"), m);
    }

    @Test
    void deeplyNestedXmlIsRefusedBeforeItCostsAnything() {
        // Deep inside a component the schema leaves open (ADR 0508), where only the depth limit stops it.
        String xml = "<Document xmlns=\"" + StatementFormat.CAMT_NS + "\"><BkToCstmrStmt><GrpHdr><MsgId>M</MsgId>"
                + "<CreDtTm>2026-11-27T00:00:00Z</CreDtTm><OrgnlBizQry>" + "<a>".repeat(10_000);
        String m = refused(xml.getBytes(StandardCharsets.UTF_8), "n.xml");
        assertEquals("n.xml: line 1: elements nested deeper than 32 (ADR 0507); nothing was imported", m);
    }

    @Test
    void xmlWithADtdAnEntityOrAnotherEncodingIsRefused() {
        String ok = new String(camt(statement(1, "p")), StandardCharsets.UTF_8);
        String xxe = ok.replaceFirst("\\?>", "?><!DOCTYPE Document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>")
                .replace(">p<", ">&x;<");
        assertTrue(refused(xxe.getBytes(StandardCharsets.UTF_8), "x.xml").startsWith("x.xml: line "));
        String latin = ok.replaceFirst("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
        assertEquals("l.xml: line 1: the XML declares encoding ISO-8859-1; statements must be UTF-8; nothing was imported",
                refused(latin.getBytes(StandardCharsets.UTF_8), "l.xml"));
    }

    @Test
    void anEndlessStatementIsRefusedAtTheByteLimitNotReadToTheEnd() {
        byte[] head = (String.join(",", StatementFormat.CSV_HEADER) + "\n").getBytes(StandardCharsets.UTF_8);
        long[] served = new long[1];
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int i = 0; i < len; i++, served[0]++) {
                    // the header, then one quoted field that never ends: nothing to parse, only bytes
                    b[off + i] = served[0] < head.length ? head[(int) served[0]] : served[0] == head.length ? (byte) '"' : (byte) 'x';
                }
                return len;
            }
        };
        InputLimits bytesOnly = new InputLimits(1 << 20, 1_000_000, Integer.MAX_VALUE);
        BadInputException e = assertThrows(BadInputException.class, () -> StatementFormat.parse(endless, "pipe", bytesOnly));
        assertEquals("pipe: larger than the limit of 1,048,576 bytes (1 MiB) for one input file (ADR 0507); nothing was written",
                e.getMessage());
        assertTrue(served[0] <= bytesOnly.maxBytes() + 8192, "read " + served[0] + " bytes");
    }

    @EveryEngine
    void aStatementFileLargerThanTheLimitIsRefusedBeforeItIsReadAndNothingIsWritten(TestDatabase engine) throws Exception {
        Path big = tmp.resolve("2026-11-27.csv");
        Files.write(big, StatementFormat.writeCsv(statement(2, "p")));
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(SMALL.maxBytes() + 1);
        }
        try (Database db = Database.openMigrated(engine.url())) {
            ReconService svc = new ReconService(db, CLOCK, SMALL);
            BadInputException e = assertThrows(BadInputException.class, () -> svc.importStatement(big, "st.csv", "acct-1", D));
            assertEquals("st.csv: larger than the limit of 65,536 bytes for one input file (ADR 0507); nothing was written",
                    e.getMessage());
            assertEquals(0, new EventLog(db).size());
            // The same file within the limit is imported, streaming, with the SHA-256 of all its bytes as id.
            Files.write(big, StatementFormat.writeCsv(statement(2, "p")));
            ReconService.ImportResult r = svc.importStatement(big, "st.csv", "acct-1", D);
            assertEquals(java.util.HexFormat.of().formatHex(ReconService.sha256(Files.readAllBytes(big))), r.statementId());
            assertEquals("csv", r.format());
            assertTrue(svc.importStatement(Files.readAllBytes(big), "again.csv", "acct-1", D).alreadyImported());
        }
    }
}
