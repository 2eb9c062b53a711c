package io.mbp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.MbpException;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    static Path tmp;

    static String url(String name) {
        return "jdbc:h2:file:" + tmp.resolve(name).toAbsolutePath();
    }

    @EveryEngine
    void migrateCreatesTheSchemaOnceAndIsIdempotent(TestDatabase engine) {
        String url = engine.url();
        try (Database db = Database.open(url)) {
            MigrationResult first = db.migrate();
            assertEquals(Migrations.latestVersion(), first.schemaVersion());
            assertEquals(Migrations.ALL.stream().map(Migration::version).toList(), first.applied());
        }
        try (Database db = Database.open(url)) {
            MigrationResult again = db.migrate();
            assertEquals(Migrations.latestVersion(), again.schemaVersion());
            assertEquals(List.of(), again.applied());
            assertEquals(Migrations.latestVersion(), db.schemaVersion());
        }
    }

    @EveryEngine
    void theDatabaseRefusesToUpdateOrDeleteAnEvent(TestDatabase engine) throws SQLException {
        try (Database db = Database.openMigrated(engine.url())) {
            Connection c = db.connection();
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO events (seq, type, stream, ts, payload, leaf_hash) VALUES "
                        + "(0, 'T', 's', '2026-11-27T00:00:00Z', '{}', '" + "0".repeat(64) + "')");
                c.commit();
            }
            SQLException update = assertThrows(SQLException.class, () -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("UPDATE events SET payload = '{\"x\":1}' WHERE seq = 0");
                }
            });
            c.rollback();
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class, () -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("DELETE FROM events WHERE seq = 0");
                }
            });
            c.rollback();
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT payload FROM events WHERE seq = 0")) {
                assertTrue(rs.next());
                assertEquals("{}", rs.getString(1));
            }
        }
    }

    @EveryEngine
    void anEditedMigrationIsCaught(TestDatabase engine) throws SQLException {
        String url = engine.url();
        try (Database db = Database.openMigrated(url)) {
            try (Statement st = db.connection().createStatement()) {
                st.executeUpdate("UPDATE schema_version SET checksum = '" + "f".repeat(64) + "' WHERE version = 1");
                db.connection().commit();
            }
        }
        try (Database db = Database.open(url)) {
            MbpException e = assertThrows(MbpException.class, db::migrate);
            assertEquals(3, e.exitCode());
            assertTrue(e.getMessage().contains("V1"), e.getMessage());
        }
    }

    @Test
    void aNewerSchemaThanThisToolKnowsIsRefused() throws SQLException {
        String url = url("newer");
        try (Database db = Database.openMigrated(url)) {
            try (Statement st = db.connection().createStatement()) {
                st.executeUpdate("INSERT INTO schema_version VALUES (999, 'future', '" + "0".repeat(64) + "', 'x')");
                db.connection().commit();
            }
        }
        try (Database db = Database.open(url)) {
            MbpException e = assertThrows(MbpException.class, db::migrate);
            assertTrue(e.getMessage().contains("999"), e.getMessage());
        }
    }

    @Test
    void migrationsAreListedInStrictlyAscendingVersionOrder() {
        for (int i = 1; i < Migrations.ALL.size(); i++) {
            assertTrue(Migrations.ALL.get(i - 1).version() < Migrations.ALL.get(i).version(),
                    "V" + Migrations.ALL.get(i).version() + " is listed after V" + Migrations.ALL.get(i - 1).version());
        }
    }

    @Test
    void aPasswordInTheUrlNeverReachesTheMessage() {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        MbpException e = assertThrows(MbpException.class,
                () -> Database.open("jdbc:postgresql://127.0.0.1:1/mbp?user=mbp&password=s3cr3t-pw&ssl=false"));
        assertEquals(5, e.exitCode());
        assertTrue(e.getMessage().contains("password=***"), e.getMessage());
        assertTrue(!e.getMessage().contains("s3cr3t-pw"), e.getMessage());
    }

    @Test
    void unsupportedUrlIsAUsageError() {
        MbpException e = assertThrows(MbpException.class, () -> Database.open("jdbc:oracle:thin:@x"));
        assertEquals(2, e.exitCode());
    }

    @Test
    void statementsSplitAtLineEndSemicolonsAndKeepTriggerBodiesWhole() {
        List<String> s = Migrator.statements("""
                -- comment
                CREATE TABLE a (x INT);

                CREATE TRIGGER t BEFORE UPDATE ON a BEGIN SELECT RAISE(ABORT, 'no'); END;
                INSERT INTO a VALUES (1);
                """);
        assertEquals(3, s.size());
        assertEquals("CREATE TRIGGER t BEFORE UPDATE ON a BEGIN SELECT RAISE(ABORT, 'no'); END", s.get(1));
    }
}
