package io.mbp.cli.dr;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `mbp dr drill` end to end, short and bounded: a daemon process takes orders, sealed online
 * backups are taken under load (one still running at the kill counts as lost), the daemon is killed with SIGKILL, the newest backup is restored,
 * verified and serves again. RPO and RTO are measured, not asserted to a target (docs/runbooks/dr.md
 * has the long run); what must hold is that the accounting adds up.
 */
class BackupDrillCliTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite"})
    void killsThePrimaryMidLoadRestoresTheNewestBackupAndMeasures(String engine) throws Exception {
        Path out = tmp.resolve("drill");
        Run r = mbp("dr", "drill", "--engine", engine, "--out", out.toString(), "--seconds", "8", "--backup-every", "1",
                "--clients", "2");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode rep = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertTrue(rep.get("verified").asBoolean(), rep.toString());
        JsonNode usable = null;
        for (JsonNode b : rep.get("backups")) {
            if (b.get("complete_before_failure").asBoolean()) {
                usable = b;
            }
        }
        assertTrue(usable != null, "a backup completed before the kill: " + rep);
        assertEquals(usable.get("dir").asText(), rep.get("restored_from").asText(), "the newest complete backup is restored");
        long before = rep.get("acknowledged_before_failure").asLong();
        long lost = rep.get("events_lost").asLong();
        double rpo = rep.get("rpo_seconds").asDouble();
        assertTrue(before > 0, "orders were acknowledged under load: " + rep);
        assertTrue(lost <= before, rep.toString());
        // a lost order has an age; none lost, no age. (How many are lost depends on the machine's speed:
        // orders acknowledged after the newest backup began; under a heavy load there may be none.)
        assertEquals(lost == 0, rpo == 0, rep.toString());
        assertTrue(rpo < 8, "nothing lost is older than the load: " + rep);
        long newestBackup = usable.get("log_size").asLong();
        long restored = rep.get("restored_log_size").asLong();
        long primary = rep.get("primary_log_size").asLong();
        assertTrue(newestBackup <= restored && restored <= primary, rep.toString());
        // every lost order is an event the dead primary held and the restored log lacks
        assertTrue(primary - restored >= lost, rep.toString());
        assertTrue(rep.get("rto_seconds").asDouble() > rep.get("restore_seconds").asDouble(), rep.toString());
        assertTrue(Files.readString(out.resolve("report.md")).contains("✓ consistency"), Files.readString(out.resolve("report.md")));
        assertTrue(r.out().contains("RPO "), r.out());

        Run again = mbp("dr", "drill", "--engine", engine, "--out", out.toString(), "--seconds", "2", "--backup-every", "1");
        assertEquals(4, again.code(), again.err());
    }

    @Test
    void refusesASchedulelongerThanTheLoad() {
        Run r = mbp("dr", "drill", "--out", tmp.resolve("d").toString(), "--seconds", "2", "--backup-every", "5");
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains("--backup-every"), r.err());
        assertFalse(Files.exists(tmp.resolve("d").resolve("report.json")));
    }
}
