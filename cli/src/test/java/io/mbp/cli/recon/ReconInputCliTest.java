package io.mbp.cli.recon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.Main;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, defect 8 through the real CLI: `mbp recon d1 --statement F` exits 4 (bad input, nothing
 * written) with `F: line N: ...` and no stack trace for a header ending in a comma, a latin-1 byte,
 * a repeated line_id, and a file larger than the limit (which used to exhaust memory); on every engine.
 */
class ReconInputCliTest {
    static final String HEADER = "account,booking_date,value_date,line_id,direction,amount_centavos,e2eid,reference,counterparty,kind";
    static final String LINE = "acct-1,2026-11-27,2026-11-27,L1,D,100,E1,r1,p,PIX_OUT\n";

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    String db;

    Run d1(Path statement) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--db", db, "recon", "d1",
            "--date", "2026-11-27", "--account", "acct-1", "--statement", statement.toString(), "--now", "2026-11-28T06:00:00Z"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    Run refused(Path statement, String expected) {
        Run r = d1(statement);
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().startsWith("mbp: error: " + statement + expected), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        return r;
    }

    @EveryEngine
    void aHeaderEndingInACommaExits4NamingFileAndLine(TestDatabase engine) throws Exception {
        db = engine.url();
        Path f = Files.writeString(tmp.resolve("st.csv"), HEADER + ",\n" + LINE.replace("\n", ",\n"));
        refused(f, ": line 1: the header must name the columns");
    }

    @EveryEngine
    void aLatin1ByteExits4NamingTheLine(TestDatabase engine) throws Exception {
        db = engine.url();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((HEADER + "\n" + LINE + "acct-1,2026-11-27,2026-11-27,L2,D,100,E2,r2,Jos").getBytes(StandardCharsets.UTF_8));
        b.write(0xE9);
        b.writeBytes(",PIX_OUT\n".getBytes(StandardCharsets.UTF_8));
        Path f = Files.write(tmp.resolve("l1.csv"), b.toByteArray());
        refused(f, ": line 3: not valid UTF-8 (byte 0xE9");
    }

    @EveryEngine
    void aRepeatedLineIdExits4NamingBothLines(TestDatabase engine) throws Exception {
        db = engine.url();
        Path f = Files.writeString(tmp.resolve("dup.csv"), HEADER + "\n" + LINE + LINE.replace("E1", "E2"));
        refused(f, ": line 3: field line_id: 'L1' is also the id of line 2");
    }

    @EveryEngine
    void aStatementLargerThanTheLimitExits4BeforeItIsRead(TestDatabase engine) throws Exception {
        db = engine.url();
        Path f = tmp.resolve("huge.csv");
        Files.writeString(f, HEADER + "\n" + LINE);
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(3L << 30); // 3 GiB, sparse: it used to be read whole (and fail with OutOfMemoryError)
        }
        refused(f, ": larger than the limit of 16,777,216 bytes (16 MiB) for one input file");
    }
}
