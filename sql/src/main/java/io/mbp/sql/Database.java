package io.mbp.sql;

import io.mbp.error.InfrastructureException;
import io.mbp.error.MbpException;
import io.mbp.error.ExitCodes;
import io.mbp.error.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * One open database: SQLite (embedded default), H2 or PostgreSQL, chosen by JDBC URL.
 * Holds a single connection with auto-commit off; callers group their writes with
 * {@link #inTransaction}. Names render unquoted so each engine folds them its own way.
 */
public final class Database implements AutoCloseable {
    /**
     * The embedded default: a SQLite file under ./data that the daemon and batch jobs share (WAL,
     * writers queue on the file lock). SQLite, not H2, because only it reaches the durable append
     * target (ADR 0115, superseding ADR 0018's "keep H2").
     */
    public static final String DEFAULT_URL = "jdbc:sqlite:./data/mbp.sqlite";
    /** The H2 default before ADR 0115, which operators with an existing ./data/mbp.mv.db still pass explicitly. */
    public static final String FORMER_H2_DEFAULT_URL = "jdbc:h2:file:./data/mbp;AUTO_SERVER=TRUE";

    private final String url;
    /** {@link #url} without its password: what messages and logs show. */
    private final String shownUrl;
    private final Engine engine;
    private final Connection connection;
    private final DSLContext dsl;

    private Database(String url, Engine engine, Connection connection) {
        this.url = url;
        this.shownUrl = redact(url);
        this.engine = engine;
        this.connection = connection;
        Settings settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.NEVER)
                .withRenderSchema(false)
                .withExecuteLogging(false);
        this.dsl = DSL.using(connection, engine.dialect(), settings);
    }

    /** Opens the database at {@code url} without touching its schema. */
    public static Database open(String url) {
        refuseFormerDefaultFile(url, Path.of(""));
        Engine engine = Engine.of(url);
        String effective = effectiveUrl(url, engine);
        try {
            prepareFolder(url, engine);
            Connection c = DriverManager.getConnection(effective);
            configure(c, engine);
            c.setAutoCommit(false);
            return new Database(url, engine, c);
        } catch (SQLException e) {
            throw new InfrastructureException("cannot open database " + redact(url) + ": " + firstLine(e.getMessage())
                    + " (check the database URL, the file's permissions, and that no other process holds it"
                    + " without AUTO_SERVER)", e).about("database");
        }
    }

    /** Opens the database and brings its schema up to date: what every command but {@code db} wants. */
    public static Database openMigrated(String url) {
        Database db = open(url);
        try {
            db.migrate();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public MigrationResult migrate() {
        try {
            MigrationResult result = new Migrator(connection, engine).migrate();
            // End the read transaction the version check opened: on SQLite (WAL) a snapshot left open
            // makes the caller's first write fail SQLITE_BUSY_SNAPSHOT at once whenever another process
            // (the daemon) committed since, which busy_timeout does not wait out (SqliteSharedFileTest).
            connection.commit();
            return result;
        } catch (SQLException e) {
            if (isConnectionFailure(e)) {
                throw unreachable(e);
            }
            throw new MbpException(ExitCodes.UNEXPECTED, "migrating " + shownUrl + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    public int schemaVersion() {
        try {
            return new Migrator(connection, engine).currentVersion();
        } catch (SQLException e) {
            throw new MbpException(ExitCodes.UNEXPECTED, "reading the schema version of " + shownUrl + " failed", e);
        }
    }

    private InfrastructureException unreachable(Exception e) {
        return new InfrastructureException("database unreachable: lost the connection to " + shownUrl + ": "
                + firstLine(e.getMessage()), e);
    }

    /** Set on the jOOQ configuration by a writer (the event log) whose commit must reach the disk. */
    public static final String NEEDS_SYNC = "mbp.needs-sync";

    /**
     * Runs {@code work} in one transaction: all of its writes commit together or none do. A
     * transaction that appended events is synced to disk before this returns (ADR 0004).
     */
    public <T> T inTransaction(Function<DSLContext, T> work) {
        try {
            T result = work.apply(dsl);
            connection.commit();
            if (dsl.configuration().data(NEEDS_SYNC) != null) {
                dsl.configuration().data().remove(NEEDS_SYNC);
                syncToDisk();
            }
            return result;
        } catch (RuntimeException e) {
            dsl.configuration().data().remove(NEEDS_SYNC);
            rollbackQuietly(e);
            if (!(e instanceof MbpException) && isConnectionFailure(e)) {
                throw unreachable(e);
            }
            throw e;
        } catch (SQLException e) {
            dsl.configuration().data().remove(NEEDS_SYNC);
            rollbackQuietly(e);
            throw new InfrastructureException("commit to " + shownUrl + " failed: " + firstLine(e.getMessage()), e);
        } catch (Error e) {
            rollbackQuietly(e);
            throw e;
        }
    }

    /** Reads need no commit, but ending the transaction releases snapshots and locks. */
    public <T> T read(Function<DSLContext, T> work) {
        return inTransaction(work);
    }

    public DSLContext dsl() {
        return dsl;
    }

    public Connection connection() {
        return connection;
    }

    public Engine engine() {
        return engine;
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.close();
            }
        } catch (SQLException ignored) {
            // closing is best effort; nothing uncommitted is meant to survive
        }
    }

    private void rollbackQuietly(Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static String effectiveUrl(String url, Engine engine) {
        if (engine != Engine.H2) {
            return url;
        }
        String upper = url.toUpperCase();
        String out = url;
        if (!upper.contains("LOCK_TIMEOUT")) {
            // Writers queue on the log_head row; wait for each other instead of failing at once.
            out += ";LOCK_TIMEOUT=10000";
        }
        if (!upper.contains("WRITE_DELAY")) {
            // H2 otherwise writes committed pages up to a second later: a kill -9 in that second
            // loses acknowledged commits (measured, docs/adr/0004). 0 = written at commit.
            out += ";WRITE_DELAY=0";
        }
        if (!upper.contains("MAX_COMPACT_TIME")) {
            // H2 2.3's compaction on close can leave a file that no longer opens ("File corrupted
            // ... Double mark", h2database#2752/#4387); reproduced by OracleCliTest's open/close
            // cycles. Without it the file only grows a little; SHUTDOWN COMPACT reclaims space.
            out += ";MAX_COMPACT_TIME=0";
        }
        return out;
    }

    /**
     * Forces committed data to stable storage (fsync). SQLite already does so at every commit
     * (WAL, synchronous=FULL) and PostgreSQL by its own settings; H2 writes at commit
     * (WRITE_DELAY=0) but syncs only on CHECKPOINT SYNC, so appenders call this after commit.
     */
    public void syncToDisk() {
        if (engine != Engine.H2) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CHECKPOINT SYNC");
            connection.commit();
        } catch (SQLException e) {
            throw new InfrastructureException("syncing " + shownUrl + " to disk failed: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * An operator who ran mbp before ADR 0115 has the log in ./data/mbp.mv.db (H2). Opening the new
     * default would start an empty SQLite log beside it and every command would see no events, so
     * refuse until they name the H2 file (nothing is created before this check).
     */
    static void refuseFormerDefaultFile(String url, Path workDir) {
        if (!DEFAULT_URL.equals(url)) {
            return;
        }
        Path h2File = Path.of("data", "mbp.mv.db");
        if (Files.exists(workDir.resolve(h2File)) && !Files.exists(workDir.resolve("data").resolve("mbp.sqlite"))) {
            throw new UsageException(h2File + " is an H2 database from before the embedded default became SQLite"
                    + ": keep using it with --db '" + FORMER_H2_DEFAULT_URL + "' (or MBP_DB); H2 stays supported"
                    + " (docs/adr/0115-sqlite-is-the-embedded-default.md)");
        }
    }

    /** Whether {@code url} names an in-memory database (SQLite's {@code :memory:}, H2's {@code mem:}), which a second connection would not share. */
    public static boolean inMemory(String url) {
        return url.contains(":memory:") || url.startsWith("jdbc:h2:mem:");
    }

    /** The database file of a SQLite URL ({@code jdbc:sqlite:PATH[?...]}); null for any other URL, :memory: or a file: URI. */
    public static Path sqliteFile(String url) {
        if (url == null || !url.startsWith("jdbc:sqlite:")) {
            return null;
        }
        String rest = url.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        rest = q >= 0 ? rest.substring(0, q) : rest;
        return rest.isEmpty() || rest.equals(":memory:") || rest.startsWith("file:") ? null : Path.of(rest);
    }

    private static void prepareFolder(String url, Engine engine) {
        Path file = null;
        if (engine == Engine.SQLITE) {
            file = sqliteFile(url);
        } else if (engine == Engine.H2 && url.startsWith("jdbc:h2:file:")) {
            // H2 would create the folder itself, but on failure its trace system prints a stack
            // trace to stderr before the error reaches us: refuse first, with one clear line.
            String rest = url.substring("jdbc:h2:file:".length());
            int semi = rest.indexOf(';');
            rest = semi >= 0 ? rest.substring(0, semi) : rest;
            if (!rest.isEmpty() && !rest.startsWith("~")) {
                file = Path.of(rest);
            }
        }
        if (file != null && file.toAbsolutePath().getParent() != null) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (java.io.IOException e) {
                throw new InfrastructureException("database unreachable: cannot create the folder for " + redact(url) + " ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
            }
        }
    }

    private static void configure(Connection c, Engine engine) throws SQLException {
        if (engine == Engine.SQLITE) {
            try (Statement st = c.createStatement()) {
                // WAL + FULL: every commit is fsynced, readers do not block the writer.
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA busy_timeout=10000");
                st.execute("PRAGMA foreign_keys=ON");
                // A 1,000-event append touches the events table and its type index (ADR 0126); SQLite's
                // default 2 MiB page cache spills them once the log outgrows it (ADR 0115).
                st.execute("PRAGMA cache_size=-32768");
                st.execute("PRAGMA temp_store=MEMORY");
            }
        }
    }

    /**
     * Whether {@code failure} (a jOOQ {@code DataAccessException}, an {@link SQLException}, ...) was
     * caused by an unreachable database rather than by the statement: SQLState class 08
     * (connection exception), a JDBC connection exception, or a refused or broken socket.
     */
    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.net.ConnectException
                    || t instanceof java.net.SocketException
                    || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
            if (t instanceof SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** {@code url} with any password replaced by ***: JDBC URLs may carry one (PostgreSQL's password=). */
    public static String redact(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
