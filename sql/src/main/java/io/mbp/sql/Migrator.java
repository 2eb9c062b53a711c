package io.mbp.sql;

import io.mbp.error.MbpException;
import io.mbp.error.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Applies {@link Migrations#ALL} in order, each in its own transaction, and records each in
 * {@code schema_version} with the SHA-256 of its script so an edited migration is caught.
 * Small on purpose (ADR 0002): the schema is a handful of files and engine-specific triggers.
 */
final class Migrator {
    private static final Logger LOG = LogManager.getLogger(Migrator.class);

    private final Connection connection;
    private final Engine engine;

    Migrator(Connection connection, Engine engine) {
        this.connection = connection;
        this.engine = engine;
    }

    /** The PostgreSQL advisory lock key migrations hold ("mbp-mig" in ASCII); any value unique to mbp would do. */
    static final long MIGRATION_LOCK = 0x6d62702d6d6967L;

    MigrationResult migrate() throws SQLException {
        if (engine != Engine.POSTGRESQL) {
            return migrateLocked();
        }
        // Sharded daemons and a nightly may open a fresh database together: one migrates, the
        // others wait here and then find every migration applied (H2 and SQLite lock the file).
        advisory("pg_advisory_lock");
        try {
            return migrateLocked();
        } finally {
            advisory("pg_advisory_unlock");
        }
    }

    private void advisory(String function) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT " + function + "(" + MIGRATION_LOCK + ")");
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private MigrationResult migrateLocked() throws SQLException {
        return migrateLocked(Integer.MAX_VALUE);
    }

    /** Applies the migrations up to {@code upTo} only: tests build a file as an older mbp left it. */
    MigrationResult migrateUpTo(int upTo) throws SQLException {
        return migrateLocked(upTo);
    }

    private MigrationResult migrateLocked(int upTo) throws SQLException {
        ensureVersionTable();
        Map<Integer, String> applied = appliedChecksums();
        int newestKnown = Migrations.latestVersion();
        for (int version : applied.keySet()) {
            if (version > newestKnown) {
                throw new MbpException(ExitCodes.USAGE, "database schema version " + version
                        + " is newer than this mbp (knows up to " + newestKnown + "): upgrade mbp");
            }
        }
        endTransaction();
        List<Integer> done = new ArrayList<>();
        for (Migration m : Migrations.ALL) {
            if (m.version() > upTo) {
                break;
            }
            String sql = read(m.resourcePath(engine));
            String checksum = sha256(sql);
            String stored = applied.get(m.version());
            if (stored == null) {
                stored = applyUnlessAnotherOpenerDid(m, sql, checksum);
                if (stored == null) {
                    done.add(m.version());
                    continue;
                }
            }
            if (!stored.equals(checksum)) {
                throw new MbpException(ExitCodes.VERIFICATION_FAILED, "migration V" + m.version()
                        + " (" + m.resourcePath(engine) + ") differs from the one applied to this database;"
                        + " applied migrations must never be edited: add a new one");
            }
        }
        return new MigrationResult(currentVersion(), done);
    }

    /** How long an opener waits for another one that is applying the same migration (H2, a slow SQLite one). */
    private static final long WAIT_FOR_OTHER_OPENER_MS = 60_000;

    /**
     * Applies {@code m} and answers null, or answers the checksum another connection recorded for it
     * first. Several processes may open one database at once (a daemon restarting on a new jar while cron
     * starts a job): PostgreSQL serialises them with the advisory lock above; on SQLite the writers' lock
     * is taken before {@code schema_version} is read, so the read cannot go stale before the write (WAL)
     * and the second opener finds the version recorded. H2 commits each DDL statement as it runs, so no
     * transaction can hold its openers apart: the one that loses a race fails on the winner's table and
     * then waits for the winner to record the version.
     */
    private String applyUnlessAnotherOpenerDid(Migration m, String sql, String checksum) throws SQLException {
        String recorded;
        try {
            if (engine == Engine.SQLITE) {
                try (PreparedStatement lock = connection.prepareStatement(
                        "UPDATE schema_version SET version = version WHERE version = -1")) {
                    lock.executeUpdate(); // waits (busy_timeout) while another opener applies a migration
                }
            }
            recorded = recordedChecksum(m.version());
            if (recorded != null) {
                endTransaction();
                return recorded;
            }
            apply(m, sql, checksum);
            return null;
        } catch (SQLException failed) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            long deadline = System.nanoTime() + WAIT_FOR_OTHER_OPENER_MS * 1_000_000;
            do {
                recorded = recordedChecksum(m.version());
                endTransaction();
                if (recorded != null) {
                    LOG.info("migration V{} was applied by another connection meanwhile", m.version());
                    return recorded;
                }
                sleep(50);
            } while (System.nanoTime() < deadline);
            throw failed;
        }
    }

    private String recordedChecksum(int version) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT checksum FROM schema_version WHERE version = ?")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1).trim() : null;
            }
        }
    }

    /** Ends the read transaction a check opened, so the next statement sees what others committed since. */
    private void endTransaction() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for another connection's migration", e);
        }
    }

    int currentVersion() throws SQLException {
        ensureVersionTable();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void apply(Migration m, String sql, String checksum) throws SQLException {
        LOG.info("applying migration V{} ({}) on {}", m.version(), m.description(), engine);
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            for (String statement : statements(sql)) {
                st.execute(statement);
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO schema_version (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, m.version());
                ps.setString(2, m.description());
                ps.setString(3, checksum);
                ps.setString(4, Instant.now().toString());
                ps.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("migration V" + m.version() + " failed: " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    private void ensureVersionTable() throws SQLException {
        if (engine == Engine.POSTGRESQL && versionTableExists()) {
            // PostgreSQL checks CREATE rights before IF NOT EXISTS: the application role, which may
            // not create tables (docs/postgres.md), would fail here on a database already migrated.
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, "
                    + "checksum CHAR(64) NOT NULL, applied_at VARCHAR(40) NOT NULL)");
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private boolean versionTableExists() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('schema_version') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        } finally {
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    private Map<Integer, String> appliedChecksums() throws SQLException {
        Map<Integer, String> out = new TreeMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_version")) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getString(2).trim());
            }
        }
        return out;
    }

    /**
     * Splits a script into statements: a statement ends on a line whose text ends with ';'.
     * Trigger bodies keep their inner ';' mid-line, so they stay whole. Full-line comments drop.
     */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String stmt = current.toString().strip();
                out.add(stmt.substring(0, stmt.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the jar: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration script " + resource, e);
        }
    }

    private static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
