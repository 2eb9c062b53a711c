package io.mbp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * V80/V81 (ADR 0126): a log written by an mbp from before them opens with every event as it was,
 * without the (stream, seq) index, still append-only, and on SQLite with seq as the rowid.
 */
class EventsTableMigrationTest {
    private static final List<String> ROWS = List.of(
            "0|OrderPlaced|mkt-1|2026-11-27T00:00:00Z|{\"a\":1}",
            "1|OrderFilled|mkt-2|2026-11-27T00:00:01Z|{\"b\":\"é\"}",
            "2|OrderPlaced|mkt-1|2026-11-27T00:00:02Z|{}");

    @EveryEngine
    void anOldLogKeepsItsEventsAndLosesOnlyTheStreamIndex(TestDatabase engine) throws SQLException {
        String url = engine.url();
        try (Database db = Database.open(url)) {
            new Migrator(db.connection(), db.engine()).migrateUpTo(78);
            db.connection().commit();
            try (Statement st = db.connection().createStatement()) {
                for (String row : ROWS) {
                    String[] f = row.split("\\|");
                    st.executeUpdate("INSERT INTO events (seq, type, stream, ts, payload, leaf_hash) VALUES (" + f[0] + ", '" + f[1]
                            + "', '" + f[2] + "', '" + f[3] + "', '" + f[4] + "', '" + f[0].repeat(64) + "')");
                }
                st.executeUpdate("UPDATE log_head SET size = 3 WHERE id = 1");
            }
            db.connection().commit();
            assertTrue(indexes(db).contains("ix_events_stream"), "the file starts in the old shape: " + indexes(db));
        }
        try (Database db = Database.openMigrated(url)) {
            Connection c = db.connection();
            assertEquals(ROWS, rows(c));
            List<String> indexes = indexes(db);
            assertTrue(indexes.contains("ix_events_type"), indexes.toString());
            assertTrue(!indexes.contains("ix_events_stream"), indexes.toString());
            if (db.engine() == Engine.SQLITE) {
                // The rowid IS seq now (before V81 rowid was 1-based beside a separate seq index).
                assertEquals(0, count(c, "SELECT COUNT(*) FROM events WHERE rowid <> seq"));
                assertEquals(List.of("ix_events_type"), indexes, "no separate unique index on seq any more");
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO events (seq, type, stream, ts, payload, leaf_hash) VALUES "
                        + "(3, 'T', 's', '2026-11-27T00:00:03Z', '{}', '" + "3".repeat(64) + "')");
                c.commit();
                SQLException duplicate = assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO events "
                        + "(seq, type, stream, ts, payload, leaf_hash) VALUES (3, 'T', 's', 'x', '{}', '" + "0".repeat(64) + "')"));
                c.rollback();
                assertTrue(duplicate.getMessage().toLowerCase(Locale.ROOT).matches("(?s).*(unique|primary|duplicate).*"),
                        duplicate.getMessage());
                assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO events "
                        + "(seq, type, stream, ts, payload, leaf_hash) VALUES (-1, 'T', 's', 'x', '{}', '" + "0".repeat(64) + "')"));
                c.rollback();
                SQLException update = assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE events SET payload = '{}' WHERE seq = 0"));
                c.rollback();
                assertTrue(update.getMessage().contains("append-only"), update.getMessage());
                SQLException delete = assertThrows(SQLException.class, () -> st.executeUpdate("DELETE FROM events WHERE seq = 1"));
                c.rollback();
                assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
            }
            assertEquals(4, count(c, "SELECT COUNT(*) FROM events"));
            assertEquals(ROWS, rows(c).subList(0, 3));
        }
    }

    private static List<String> rows(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq, type, stream, ts, payload, leaf_hash FROM events ORDER BY seq")) {
            while (rs.next()) {
                assertEquals(String.valueOf(rs.getLong(1)).repeat(64), rs.getString(6).trim());
                out.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getString(5));
            }
        }
        c.commit();
        return out;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } finally {
            c.commit();
        }
    }

    private static List<String> indexes(Database db) throws SQLException {
        String sql = switch (db.engine()) {
            case SQLITE -> "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name";
            case H2 -> "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'EVENTS' AND TABLE_SCHEMA = SCHEMA()";
            case POSTGRESQL -> "SELECT indexname FROM pg_indexes WHERE tablename = 'events' AND schemaname = current_schema()";
        };
        List<String> out = new ArrayList<>();
        try (Statement st = db.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        } finally {
            db.connection().commit();
        }
        return out;
    }
}
