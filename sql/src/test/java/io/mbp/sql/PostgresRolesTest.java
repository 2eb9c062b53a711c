package io.mbp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.sql.testing.PostgresServer;
import io.mbp.sql.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * The roles of docs/postgres.md on a real server: the application role, given exactly the grants of
 * db/postgresql/app-role-grants.sql, opens a migrated database, appends and moves the head, and is refused
 * UPDATE, DELETE and TRUNCATE on events and the dropping of their guard; the owner is still refused by
 * the triggers, TRUNCATE included.
 */
class PostgresRolesTest {
    private static final String EVENT = "INSERT INTO events (seq, type, stream, ts, payload, leaf_hash) VALUES "
            + "(%d, 'T', 's', '2026-11-27T00:00:00Z', '{}', '" + "0".repeat(64) + "')";

    @Test
    void theApplicationRoleAppendsButCannotRewriteEvents() throws Exception {
        String base = PostgresServer.urlOrSkip();
        try (TestDatabase pg = new TestDatabase(Engine.POSTGRESQL)) {
            String ownerUrl = pg.url();
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            PostgresServer.execute(base, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mbp_app')"
                    + " THEN CREATE ROLE mbp_app LOGIN; END IF; END $$; ALTER ROLE mbp_app PASSWORD '" + password + "'");
            try (Database owner = Database.openMigrated(ownerUrl); Statement st = owner.connection().createStatement()) {
                for (String sql : Migrator.statements(grants())) {
                    st.execute(sql);
                }
                owner.connection().commit();
                // every table a migration creates is in the grants: a new one without a line fails here
                assertEquals("", one(st, "SELECT coalesce(string_agg(table_name, ', '), '') FROM information_schema.tables"
                        + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND NOT has_table_privilege("
                        + "'mbp_app', quote_ident(table_schema) || '.' || quote_ident(table_name), 'SELECT')"));
            }

            String appUrl = ownerUrl.replaceAll("user=[^&]*", "user=mbp_app").replaceAll("password=[^&]*", "password=" + password);
            try (Database app = Database.openMigrated(appUrl)) {
                assertEquals(Migrations.latestVersion(), app.schemaVersion());
                Connection c = app.connection();
                try (Statement st = c.createStatement()) {
                    assertEquals("mbp_app", one(st, "SELECT current_user"));
                    st.executeUpdate(EVENT.formatted(0));
                    assertEquals(1, st.executeUpdate("UPDATE log_head SET size = 1 WHERE id = 1"));
                    // a payouts worker's claim (ADR 0310): FOR UPDATE needs the UPDATE right
                    st.executeUpdate("INSERT INTO payout_claim (instruction_id) VALUES ('po-w-1')");
                    assertEquals("po-w-1", one(st, "SELECT instruction_id FROM payout_claim FOR UPDATE SKIP LOCKED"));
                    c.commit();
                }
                for (String sql : List.of("UPDATE events SET payload = '{\"x\":1}' WHERE seq = 0", "DELETE FROM events",
                        "TRUNCATE events", "DROP TRIGGER events_no_update ON events", "UPDATE checkpoints SET tree_size = 0",
                        "DELETE FROM merkle_nodes")) {
                    SQLException e = assertThrows(SQLException.class, () -> {
                        try (Statement st = c.createStatement()) {
                            st.execute(sql);
                        }
                    }, sql);
                    c.rollback();
                    // 42501 insufficient_privilege: refused by the grants, before any trigger runs
                    assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
                }
            }

            try (Database owner = Database.open(ownerUrl); Statement st = owner.connection().createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> st.execute("TRUNCATE events"));
                owner.connection().rollback();
                assertTrue(e.getMessage().contains("append-only: TRUNCATE refused"), e.getMessage());
                assertEquals("1", one(st, "SELECT count(*) FROM events"));
            }
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String grants() throws IOException {
        try (InputStream in = PostgresRolesTest.class.getClassLoader().getResourceAsStream("db/postgresql/app-role-grants.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
