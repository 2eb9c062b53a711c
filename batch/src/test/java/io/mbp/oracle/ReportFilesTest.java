package io.mbp.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.oracle.OracleCommand.RawReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {
    @TempDir
    Path tmp;

    @Test
    void csvInAnyColumnOrderWithQuotesAndABrokenRowThatIsKeptAsAProblem() throws Exception {
        Path f = tmp.resolve("r.csv");
        Files.writeString(f, "value,source,observed_at,event\n\"5,3587\",a,2026-11-27T10:00:00Z,fx\n\n5.31,b,2026-11-27T10:00:00Z,fx\n\"multi\nline\",a,2026-11-27T10:00:00Z,fx\nonly,two");
        List<RawReport> rows = ReportFiles.read(f);
        assertEquals(4, rows.size());
        assertEquals(new RawReport("r.csv:2", "a", "fx", "2026-11-27T10:00:00Z", "5,3587", null), rows.get(0));
        assertEquals("5.31", rows.get(1).value());
        assertEquals("r.csv:4", rows.get(1).input(), "the blank line counts");
        assertEquals("r.csv:5", rows.get(2).input());
        assertEquals("multi\nline", rows.get(2).value());
        assertEquals("r.csv:7", rows.get(3).input(), "a quoted line break counts, and the last line needs no newline");
        assertEquals("expected 4 columns, found 2", rows.get(3).problem());
    }

    @Test
    void csvWithoutTheRequiredHeaderIsRefusedWhole() throws Exception {
        Path f = tmp.resolve("r.csv");
        Files.writeString(f, "source,event,value\na,fx,1\n");
        BadInputException e = assertThrows(BadInputException.class, () -> ReportFiles.read(f));
        assertTrue(e.getMessage().contains("missing observed_at"), e.getMessage());
        assertThrows(BadInputException.class, () -> ReportFiles.read(tmp.resolve("missing.csv")));
    }

    @Test
    void ndjsonLinesThatAreNotReportsBecomeProblemsNotSilentDrops() throws Exception {
        Path f = tmp.resolve("r.ndjson");
        Files.writeString(f, String.join("\n",
                "{\"source\":\"a\",\"event\":\"fx\",\"observed_at\":\"2026-11-27T10:00:00Z\",\"value\":\"5.30\"}",
                "{\"source\":\"a\",\"event\":\"fx\",\"observed_at\":\"2026-11-27T10:00:00Z\",\"value\":5.30}",
                "[1,2]",
                "{not json",
                "{\"source\":\"a\",\"event\":\"fx\",\"observed_at\":\"2026-11-27T10:00:00Z\",\"value\":\"5.30\",\"extra\":\"x\"}",
                ""));
        List<RawReport> rows = ReportFiles.read(f);
        assertEquals(5, rows.size());
        assertNull(rows.get(0).problem());
        assertTrue(rows.get(1).problem().contains("never JSON numbers"));
        assertEquals("each line must be one JSON object", rows.get(2).problem());
        assertTrue(rows.get(3).problem().startsWith("not valid JSON"));
        assertTrue(rows.get(4).problem().contains("unknown field extra"));
        assertEquals("r.ndjson:5", rows.get(4).input());
    }
}
