package io.mbp.cli.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.Main;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19, defect 8 through the real CLI: oracle CSVs with a header ending in a comma exit 4, not 1, on every engine. */
class OracleInputCliTest {
    @TempDir
    Path tmp;

    void refused(String db, String expected, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = db;
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(4, code, err.toString());
        assertTrue(err.toString().startsWith("mbp: error: " + expected), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @EveryEngine
    void reportsSourcesAndCommitteeWithAHeaderEndingInACommaExit4(TestDatabase engine) throws Exception {
        String db = engine.url();
        Path reports = Files.writeString(tmp.resolve("reports.csv"), "source,event,observed_at,value,\na,fx,2026-11-27T10:00:00Z,5.3,\n");
        refused(db, "reports.csv: line 1: the header must name the columns", "oracle", "ingest", "--file", reports.toString(),
                "--at", "2026-11-28T00:00:00Z");
        Path sources = Files.writeString(tmp.resolve("sources.csv"), "id,name,weight_bps,\nbcb,BCB,5000,\n");
        refused(db, sources + ": line 1: the header must name the columns", "oracle", "source", "add", "--file", sources.toString(),
                "--at", "2026-11-27T00:00:00Z");
        Path committee = Files.writeString(tmp.resolve("committee.csv"), "id,name,\nana,Ana,\n");
        refused(db, committee + ": line 1: the header must name the columns", "oracle", "committee", "add", "--file",
                committee.toString(), "--at", "2026-11-27T00:00:00Z");
    }
}
