package io.mbp.events;

import static io.mbp.sql.schema.Tables.EVENTS;
import static io.mbp.sql.schema.Tables.LOG_HEAD;

import io.mbp.error.VerificationFailedException;
import io.mbp.sql.Database;
import io.mbp.sql.Engine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Copies the first n events of a log into a fresh, empty log (an evidence bundle's database) as a
 * bulk load (ADR 0120): one forward-only read of the source in large fetches, each leaf hash
 * computed once from the row's content and compared with the one the source stored, the row and
 * that hash written through one prepared batch insert, {@code rowsPerCommit} rows a transaction,
 * and the target's head set once at the end. Memory stays flat however long the log (ADR 0604).
 * It skips what {@link EventLog#append} checks per batch (the head lock, a second hash of the same
 * bytes): the target is new and written by this copy alone, and the caller checks the root of the
 * leaves it is handed against the signed checkpoint before the bundle is published. From a SQLite
 * file into SQLite the rows are copied inside SQLite and the copy is read back and checked instead
 * (ADR 0153).
 */
public final class LogCopy {
    /** Sees every copied leaf in seq order (the caller folds them into the tree whose root it checks). */
    public interface Leaves {
        void accept(long seq, byte[] leafHash);
    }

    private static final HexFormat HEX = HexFormat.of();
    /** Rows per JDBC fetch from the source and per JDBC batch into the target. */
    static final int FETCH = 10_000;

    private LogCopy() {
    }

    /**
     * Copies events 0..n-1 of {@code source} into {@code target}, whose log must be empty. A missing
     * seq or a row whose content no longer matches its stored leaf hash fails (exit 3) before the
     * caller publishes anything; the target is then a partial copy the caller throws away.
     */
    public static void copy(Database source, long n, Database target, int rowsPerCommit, Leaves leaves) {
        copy(source, n, target, rowsPerCommit, leaves, null);
    }

    /**
     * As {@link #copy(Database, long, Database, int, Leaves)}, also showing {@code sink} each copied row
     * once its leaf hash matched, so a caller that folds the same events (the evidence reports) needs no
     * second read of the source; null for none.
     */
    public static void copy(Database source, long n, Database target, int rowsPerCommit, Leaves leaves, EventLog.RowSink sink) {
        if (target.read(EventLog::size) != 0) {
            throw new IllegalStateException("the copy's target log is not empty");
        }
        Path file = sqliteFile(source);
        if (file != null && target.engine() == Engine.SQLITE) {
            copyWithinSqlite(file, n, target, leaves, sink);
            return;
        }
        String select = DSL.using(source.dsl().dialect(), source.dsl().settings()).render(
                DSL.using(source.dsl().dialect()).select(EVENTS.SEQ, EVENTS.TYPE, EVENTS.STREAM, EVENTS.TS, EVENTS.PAYLOAD,
                        EVENTS.LEAF_HASH).from(EVENTS).where(EVENTS.SEQ.between(0L, n - 1)).orderBy(EVENTS.SEQ));
        String insert = target.dsl().insertInto(EVENTS, EVENTS.SEQ, EVENTS.TYPE, EVENTS.STREAM, EVENTS.TS, EVENTS.PAYLOAD,
                EVENTS.LEAF_HASH).values((Long) null, null, null, null, null, null).getSQL();
        source.read(src -> {
            src.connection(c -> {
                boolean lazy = src.dialect().family() == SQLDialect.H2;
                if (lazy) {
                    lazy(c, true);
                }
                try (PreparedStatement ps = c.prepareStatement(select, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    ps.setFetchSize(FETCH);
                    ps.setLong(1, 0);
                    ps.setLong(2, n - 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        long[] next = {0};
                        boolean[] more = {rs.next()};
                        while (next[0] < n) {
                            target.inTransaction(dst -> {
                                copyRows(rs, more, next, n, rowsPerCommit, dst, insert, leaves, sink);
                                return null;
                            });
                        }
                    }
                } catch (SQLException e) {
                    throw new DataAccessException("reading the log to copy failed: " + e.getMessage(), e);
                } finally {
                    if (lazy) {
                        lazy(c, false);
                    }
                }
            });
            return null;
        });
        target.inTransaction(dst -> dst.update(LOG_HEAD).set(LOG_HEAD.SIZE, n).where(LOG_HEAD.ID.eq(1)).execute());
    }

    /** The source's file when it is a SQLite file another connection can attach, else null. */
    private static Path sqliteFile(Database source) {
        String url = source.url();
        if (source.engine() != Engine.SQLITE || !url.startsWith("jdbc:sqlite:")) {
            return null;
        }
        String rest = url.substring("jdbc:sqlite:".length());
        if (rest.isEmpty() || rest.contains("?") || rest.startsWith(":") || rest.startsWith("file:")) {
            return null; // in memory, a URI or parameters: left to the JDBC copy
        }
        Path p = Path.of(rest);
        return Files.isRegularFile(p) ? p : null;
    }

    /**
     * SQLite to SQLite (the default store into a bundle, ADR 0153): the target attaches the source and
     * copies the rows inside SQLite ({@code INSERT ... SELECT}, no row crosses JDBC on the way in), then
     * reads the copy back in the same transaction, so from the same snapshot of the source, and checks
     * every copied row as the JDBC copy does: no gap, its leaf hash recomputed from its content equal
     * to the one it carries. What is checked is what the bundle holds.
     */
    private static void copyWithinSqlite(Path file, long n, Database target, Leaves leaves, EventLog.RowSink sink) {
        target.dsl().connection(c -> {
            autocommit(c, "ATTACH DATABASE ? AS copy_source", file.toAbsolutePath().toString());
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO main.events (seq, type, stream, ts, payload, leaf_hash)"
                    + " SELECT seq, type, stream, ts, payload, lower(leaf_hash) FROM copy_source.events"
                    + " WHERE seq BETWEEN ? AND ? ORDER BY seq");
                 PreparedStatement read = c.prepareStatement("SELECT seq, type, stream, ts, payload, leaf_hash FROM main.events"
                         + " WHERE seq BETWEEN ? AND ? ORDER BY seq", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                 PreparedStatement next = c.prepareStatement("SELECT min(seq) FROM copy_source.events WHERE seq BETWEEN ? AND ?")) {
                // A chunk at a time: while SQLite copies the next chunk, the reports' thread works through
                // the rows of the one just read back (the handoff holds more than a chunk).
                for (long from = 0; from < n; from += FETCH) {
                    long to = Math.min(n, from + FETCH) - 1;
                    ins.setLong(1, from);
                    ins.setLong(2, to);
                    ins.executeUpdate();
                    read.setLong(1, from);
                    read.setLong(2, to);
                    long seq = checkCopied(read, from, leaves, sink);
                    if (seq <= to) { // the copy ended short: name the gap up to the next row the source has
                        next.setLong(1, seq);
                        next.setLong(2, n - 1);
                        try (ResultSet rs = next.executeQuery()) {
                            rs.next(); // min() answers one row, NULL when no row is left
                            long at = rs.getLong(1);
                            throw gap(seq, rs.wasNull() ? n - 1 : at - 1);
                        }
                    }
                }
                try (PreparedStatement head = c.prepareStatement("UPDATE log_head SET size = ? WHERE id = 1")) {
                    head.setLong(1, n);
                    head.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                throw new DataAccessException("copying the log within SQLite failed: " + e.getMessage(), e);
            } finally {
                c.rollback(); // nothing if committed; a failed copy's rows are not kept
                autocommit(c, "DETACH DATABASE copy_source", null);
            }
        });
    }

    /**
     * Reads back the rows {@code read} selects from the bundle, checking each against its leaf hash; returns
     * the seq after the last row seen in order (a row out of order is a gap before it).
     */
    private static long checkCopied(PreparedStatement read, long from, Leaves leaves, EventLog.RowSink sink) throws SQLException {
        long seq = from;
        try (ResultSet rs = read.executeQuery()) {
            for (; rs.next(); seq++) {
                long at = rs.getLong(1);
                if (at != seq) {
                    throw gap(seq, at - 1);
                }
                // The columns' stored UTF-8 as the seal reads them: plain ASCII rows (nearly all) hash
                // without a String per column; anything else hashes as strings (LeafHashUtf8Test).
                byte[] type = rs.getBytes(2);
                byte[] stream = rs.getBytes(3);
                byte[] ts = rs.getBytes(4);
                byte[] payload = rs.getBytes(5);
                byte[] leaf = LeafHash.ofUtf8(seq, type, stream, ts, payload);
                if (leaf == null) {
                    leaf = LeafHash.of(seq, utf8(type), utf8(stream), utf8(ts), utf8(payload));
                }
                if (!Arrays.equals(HEX.formatHex(leaf).getBytes(StandardCharsets.US_ASCII), rs.getBytes(6))) {
                    throw altered(seq); // the copy lower-cased it: one spelling left
                }
                leaves.accept(seq, leaf);
                if (sink != null) {
                    sink.accept(seq, utf8(type), utf8(stream), utf8(ts), utf8(payload));
                }
            }
        }
        return seq;
    }

    private static String utf8(byte[] text) {
        return text == null ? null : new String(text, StandardCharsets.UTF_8);
    }

    /** ATTACH and DETACH cannot run inside a transaction: run {@code sql} between two. */
    private static void autocommit(java.sql.Connection c, String sql, String arg) throws SQLException {
        c.commit();
        c.setAutoCommit(true);
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (arg != null) {
                st.setString(1, arg);
            }
            st.execute();
        } finally {
            c.setAutoCommit(false);
        }
    }

    private static VerificationFailedException gap(long from, long to) {
        return new VerificationFailedException("the log has a gap in seq " + from + ".." + to + ": investigate before building evidence");
    }

    private static VerificationFailedException altered(long seq) {
        return new VerificationFailedException("event " + seq + " no longer matches its leaf hash: the log was"
                + " altered outside mbp; nothing was written");
    }

    /**
     * H2 materialises a whole query result before the first row unless the session runs queries
     * lazily: past its in-memory row limit it writes every row to a temporary store and reads it back,
     * which was a third of an evidence build's time (ADR 0138). A forward-only read of the primary key
     * in seq order needs no materialising, so the copy's session streams it, and is reset after.
     */
    private static void lazy(java.sql.Connection c, boolean on) {
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("SET LAZY_QUERY_EXECUTION " + (on ? "TRUE" : "FALSE"));
        } catch (SQLException e) {
            throw new DataAccessException("setting H2's lazy query execution failed: " + e.getMessage(), e);
        }
    }

    /** Up to {@code rows} rows from {@code rs} into the target's open transaction. */
    private static void copyRows(ResultSet rs, boolean[] more, long[] next, long n, int rows, DSLContext dst, String insert,
                                 Leaves leaves, EventLog.RowSink sink) {
        long seq = next[0];
        try (PreparedStatement ins = dst.configuration().connectionProvider().acquire().prepareStatement(insert)) {
            int pending = 0;
            long end = Math.min(n, seq + rows);
            for (; seq < end; seq++) {
                if (!more[0] || rs.getLong(1) != seq) {
                    throw gap(seq, more[0] ? rs.getLong(1) - 1 : n - 1);
                }
                String type = rs.getString(2);
                String stream = rs.getString(3);
                String ts = rs.getString(4);
                String payload = rs.getString(5);
                String stored = rs.getString(6);
                byte[] leaf = LeafHash.of(seq, type, stream, ts, payload);
                String hex = HEX.formatHex(leaf);
                // mbp stores lower-case hex: one string compare; another spelling of the same bytes still matches.
                if (stored == null || !hex.equals(stored) && !MessageDigest.isEqual(leaf, HEX.parseHex(stored))) {
                    throw altered(seq);
                }
                ins.setLong(1, seq);
                ins.setString(2, type);
                ins.setString(3, stream);
                ins.setString(4, ts);
                ins.setString(5, payload);
                ins.setString(6, hex);
                ins.addBatch();
                leaves.accept(seq, leaf);
                if (sink != null) {
                    sink.accept(seq, type, stream, ts, payload);
                }
                if (++pending == FETCH) {
                    ins.executeBatch();
                    pending = 0;
                }
                more[0] = rs.next();
            }
            if (pending > 0) {
                ins.executeBatch();
            }
        } catch (SQLException e) {
            throw new DataAccessException("copying the log at seq " + seq + " failed: " + e.getMessage(), e);
        }
        next[0] = seq;
    }
}
