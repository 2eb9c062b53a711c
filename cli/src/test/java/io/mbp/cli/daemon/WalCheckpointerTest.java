package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.sql.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0125: on SQLite the daemon's commits no longer checkpoint the WAL themselves (the commit that
 * crossed 1,000 pages used to copy them and fsync the database file before the batch was answered);
 * its own connection does, and every committed event is in the log either way.
 */
class WalCheckpointerTest {
    @TempDir Path dir;

    @Test
    void commitsLeaveTheWalToTheCheckpointerAndLoseNothing() throws Exception {
        Path file = dir.resolve("log.sqlite");
        String url = "jdbc:sqlite:" + file;
        int commits = 700;
        try (Database db = Database.openMigrated(url)) {
            WalCheckpointer cp = WalCheckpointer.forEngine(db);
            try (cp) {
                assertEquals(0, pragma(db, "wal_autocheckpoint"), "the engine connection does not checkpoint itself");
                EventLog log = new EventLog(db);
                for (int c = 0; c < commits; c++) {
                    List<NewEvent> batch = new ArrayList<>();
                    for (int k = 0; k < 5; k++) {
                        batch.add(new NewEvent("Note", "s-" + (c % 7), "2026-12-02T02:00:00Z", "{\"n\":" + (c * 5 + k) + "}"));
                    }
                    log.append(batch);
                }
                long wal = Files.size(Path.of(file + "-wal"));
                // SQLite's default (1,000 pages of 4 KiB) would have checkpointed inside some commit and
                // restarted the WAL; here it holds every commit's pages until the checkpointer runs
                assertTrue(wal > 1_200 * 4096L, "WAL of " + wal + " bytes after " + commits + " commits");
                cp.checkpoint();
                assertTrue(cp.counters()[1] >= 1_200, "pages copied back by the checkpointer: " + cp.counters()[1]);
                log.append(List.of(new NewEvent("Note", "s-0", "2026-12-02T02:00:01Z", "{\"n\":-1}")));
                cp.checkpoint();
                assertTrue(Files.size(Path.of(file + "-wal")) <= wal, "the WAL restarts after a checkpoint instead of growing");
            }
        }
        try (Database again = Database.openMigrated(url)) {
            assertEquals(commits * 5L + 1, new EventLog(again).size());
        }
    }

    @Test
    void otherEnginesAreLeftAlone() {
        try (Database db = Database.openMigrated("jdbc:h2:mem:walcp;DB_CLOSE_DELAY=-1"); WalCheckpointer cp = WalCheckpointer.forEngine(db)) {
            cp.start();
            cp.checkpoint();
            assertEquals(0, cp.counters()[0]);
        }
    }

    private static long pragma(Database db, String name) throws Exception {
        try (Statement st = db.connection().createStatement(); ResultSet r = st.executeQuery("PRAGMA " + name)) {
            r.next();
            return r.getLong(1);
        }
    }
}
