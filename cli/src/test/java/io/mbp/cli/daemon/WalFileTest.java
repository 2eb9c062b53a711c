package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.sql.Database;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0124: on a SQLite file the daemon's engine connection commits without fsync and the daemon
 * fsyncs the WAL itself before it answers; other stores keep syncing inside the commit.
 */
class WalFileTest {
    @TempDir
    Path tmp;

    @Test
    void theEngineConnectionStopsSyncingAndTheWalIsSyncedByName() throws Exception {
        String url = "jdbc:sqlite:" + tmp.resolve("log.sqlite");
        WalFile wal;
        try (Database db = Database.openMigrated(url)) {
            assertEquals(2, pragma(db, "synchronous"), "FULL before");
            wal = WalFile.forEngine(db);
            assertEquals(1, pragma(db, "synchronous"), "NORMAL: the commit writes the WAL, the daemon syncs it");
            assertTrue(Files.exists(tmp.resolve("log.sqlite-wal")));
            wal.sync();
        }
        // the last connection closed: SQLite checkpointed and removed the WAL; a sync must say so, not pass
        assertTrue(Files.notExists(tmp.resolve("log.sqlite-wal")));
        assertThrows(IOException.class, wal::sync);
        try (Database again = Database.openMigrated(url)) {
            again.read(d -> d.fetch("SELECT 1")); // a new WAL under the same name: synced from now on
            wal.sync();
        } finally {
            wal.close();
        }
    }

    @Test
    void otherStoresAndMemoryKeepTheirOwnSync() {
        try (Database h2 = Database.openMigrated("jdbc:h2:mem:walfile;DB_CLOSE_DELAY=-1");
             Database mem = Database.openMigrated("jdbc:sqlite::memory:")) {
            assertNull(WalFile.forEngine(h2));
            assertNull(WalFile.forEngine(mem));
        }
    }

    @Test
    void aSqliteDaemonToldToFsyncOffTheEngineAnswersAfterItsOwnFsync() throws Exception {
        assertTrue(fsyncsOffTheEngine(true) >= 2, "the daemon's answers came with no fsync of its own");
        assertEquals(0, fsyncsOffTheEngine(false), "by default the fsync stays in the commit");
    }

    /** Runs a daemon on a new SQLite file, makes a market and a deposit, and returns its /metrics fsync count. */
    private double fsyncsOffTheEngine(boolean offEngine) throws Exception {
        String url = "jdbc:sqlite:" + tmp.resolve("daemon-" + offEngine + ".sqlite");
        Clock clock = Clock.systemUTC();
        OperatorKey key = OperatorKey.provision(url, clock);
        HttpClient http = HttpClient.newHttpClient();
        try (Daemon daemon = new Daemon(url, key.on(Daemon.Options.defaults(0)), clock)) {
            if (offEngine) {
                daemon.fsyncOffEngine();
            }
            daemon.start();
            SigningClient api = key.client(daemon.port(), clock);
            assertEquals(201, post(http, api, "/v2/markets", "m", "{\"market\":\"M\",\"oracle_event\":\"EV\",\"outcomes\":[\"YES\",\"NO\"],"
                    + "\"fee_bps\":200,\"liquidity\":100000,\"lp_account\":\"lp\"}").statusCode());
            assertEquals(201, post(http, api, "/v2/deposits", "d", "{\"account\":\"ana\",\"amount\":5000}").statusCode());
            HttpResponse<String> m = http.send(api.request("GET", "/metrics", null).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, m.statusCode());
            double fsyncs = 0;
            for (String line : m.body().split("\n")) {
                if (line.startsWith("mbp_log_fsync_seconds_count")) {
                    fsyncs = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return fsyncs;
        }
    }

    private static HttpResponse<String> post(HttpClient http, SigningClient api, String path, String key, String body) throws Exception {
        HttpRequest r = api.request("POST", path, body.getBytes(StandardCharsets.UTF_8)).header("Idempotency-Key", key).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static long pragma(Database db, String name) throws Exception {
        try (Statement st = db.connection().createStatement(); ResultSet r = st.executeQuery("PRAGMA " + name)) {
            r.next();
            return r.getLong(1);
        }
    }
}
