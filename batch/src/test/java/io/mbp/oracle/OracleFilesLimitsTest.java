package io.mbp.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report files are read within {@link InputLimits}; past one, exit 4 naming it and the file. */
class OracleFilesLimitsTest {
    static final InputLimits SMALL = new InputLimits(64 * 1024, 2, 12);
    static final String JSON_ROW = "{\"source\":\"a\",\"event\":\"fx\",\"observed_at\":\"2026-11-27\",\"value\":\"%s\"}\n";

    @TempDir
    Path tmp;

    String refused(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return assertThrows(BadInputException.class, () -> ReportFiles.read(f, SMALL)).getMessage();
    }

    @Test
    void rowsAndFieldsPastTheLimitsAreRefusedInBothLayouts() throws Exception {
        assertEquals("r.csv: line 4: more than the limit of 2 rows for one input file (ADR 0507); nothing was written",
                refused("r.csv", "source,event,observed_at,value\na,fx,t,1\n\na,fx,t,2\na,fx,t,3\n".replace("\n\n", "\n")));
        assertEquals("r.ndjson: line 4: more than the limit of 2 rows for one input file (ADR 0507); nothing was written",
                refused("r.ndjson", String.format(JSON_ROW, "1") + "\n" + String.format(JSON_ROW, "2") + String.format(JSON_ROW, "3")));
        assertEquals("r.csv: line 2: field value: 13 characters, over the limit of 12 (ADR 0507); nothing was written",
                refused("r.csv", "source,event,observed_at,value\na,fx,t,1234567890123\n"));
        assertEquals("r.ndjson: line 1: field value: 13 characters, over the limit of 12 (ADR 0507); nothing was written",
                refused("r.ndjson", String.format(JSON_ROW, "1234567890123")));
        assertEquals(2, ReportFiles.read(Files.writeString(tmp.resolve("ok.csv"), "source,event,observed_at,value\na,fx,t,1\na,fx,t,2\n"),
                SMALL).size());
    }

    @Test
    void aReportFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        Path f = tmp.resolve("big.ndjson");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(8L << 30); // sparse
        }
        assertEquals("big.ndjson: larger than the limit of 67,108,864 bytes (64 MiB) for one input file (ADR 0507); "
                + "nothing was written", assertThrows(BadInputException.class, () -> ReportFiles.read(f)).getMessage());
    }
}
