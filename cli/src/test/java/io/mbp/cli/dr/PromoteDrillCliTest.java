package io.mbp.cli.dr;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.sql.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mbp dr promote-drill` refuses what cannot be drilled, before any order is placed (exit 4, nothing written). */
class PromoteDrillCliTest {
    @TempDir
    Path tmp;

    @Test
    void embeddedDatabasesHaveNoReplicaToPromote() {
        String h2 = "jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath();
        Run r = mbp("--db", h2, "dr", "promote-drill", "--replica", h2, "--out", tmp.resolve("out").toString());
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains("--db: the drill needs PostgreSQL"), r.err());
        assertFalse(Files.exists(tmp.resolve("out").resolve("report.json")));
    }

    @Test
    void aReplicaThatIsNotAStandbyIsRefusedWithoutTouchingTheLog() {
        String pg = PostgresServer.urlOrSkip();
        // the primary itself stands in for a replica that was promoted already: pg_is_in_recovery() is false
        Run r = mbp("--db", pg, "dr", "promote-drill", "--replica", pg, "--out", tmp.resolve("out").toString());
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains("--replica is not a standby"), r.err());
        assertFalse(r.err().contains("password="), "no password in messages: " + r.err());
        assertFalse(Files.exists(tmp.resolve("out").resolve("report.json")));
    }
}
