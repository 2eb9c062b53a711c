package io.mbp.events;

import static io.mbp.sql.schema.Tables.EVENTS;
import static io.mbp.sql.schema.Tables.LOG_HEAD;

import io.mbp.error.VerificationFailedException;
import io.mbp.sql.Database;
import io.mbp.sql.StatementCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The append path of {@link EventLog}: the writers' lock, the head check, the inserts and the head
 * update, in plain JDBC on statements rendered once per dialect from the generated schema and kept
 * open on the connection (ADR 0126). jOOQ building and rendering five statements per append was
 * half of the append's Java time, and all of a small (daemon-sized) append's.
 */
final class LogAppender {
    private static final HexFormat HEX = HexFormat.of();
    /** The cache's name on the connection: apart from the proofs' statements (ADR 0111). */
    private static final String CACHE = "log-append";

    private record Sql(String lock, String size, String last, String count, String insert, String head) {
    }

    private static final Map<SQLDialect, Sql> SQL = new ConcurrentHashMap<>();

    private LogAppender() {
    }

    private static Sql sql(DSLContext dsl) {
        return SQL.computeIfAbsent(dsl.dialect(), d -> {
            DSLContext r = DSL.using(d, dsl.settings());
            var one = DSL.inline(1);
            return new Sql(
                    r.render(r.update(LOG_HEAD).set(LOG_HEAD.SIZE, LOG_HEAD.SIZE).where(LOG_HEAD.ID.eq(one))),
                    r.render(r.select(LOG_HEAD.SIZE).from(LOG_HEAD).where(LOG_HEAD.ID.eq(one))),
                    r.render(r.select(DSL.max(EVENTS.SEQ)).from(EVENTS)),
                    r.render(r.selectCount().from(EVENTS)),
                    r.render(r.insertInto(EVENTS, EVENTS.SEQ, EVENTS.TYPE, EVENTS.STREAM, EVENTS.TS, EVENTS.PAYLOAD, EVENTS.LEAF_HASH)
                            .values((Long) null, null, null, null, null, null)),
                    r.render(r.update(LOG_HEAD).set(LOG_HEAD.SIZE, 0L).where(LOG_HEAD.ID.eq(one))));
        });
    }

    static AppendResult append(DSLContext dsl, Iterator<NewEvent> events) {
        return append(dsl, events, null);
    }

    /** Appends; {@code before}: the head and count read before the transaction wrote, or null to read them now. */
    static AppendResult append(DSLContext dsl, Iterator<NewEvent> events, HeadCount before) {
        Sql sql = sql(dsl);
        Connection c = dsl.configuration().connectionProvider().acquire();
        StatementCache cache = StatementCache.named(dsl, c, CACHE);
        long start;
        try {
            HeadCount head = before != null ? before : headCount(dsl, cache, sql);
            start = lockAndCheck(dsl, cache, sql, head.size, head.rows);
        } catch (SQLException e) {
            throw new DataAccessException("taking the log's writer lock failed: " + e.getMessage(), e);
        }
        long next = start;
        try {
            PreparedStatement ps = cache.take(sql.insert());
            boolean clean = false;
            try {
                int pending = 0;
                while (events.hasNext()) {
                    NewEvent e = events.next();
                    byte[] leaf = LeafHash.of(next, e.type(), e.stream(), e.ts(), e.payload());
                    ps.setLong(1, next);
                    ps.setString(2, e.type());
                    ps.setString(3, e.stream());
                    ps.setString(4, e.ts());
                    ps.setString(5, e.payload());
                    ps.setString(6, HEX.formatHex(leaf));
                    ps.addBatch();
                    next++;
                    if (++pending == EventLog.JDBC_BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
                clean = true;
            } finally {
                // A batch left half-built by bad input or a failed insert is closed, never reused.
                cache.giveBack(sql.insert(), ps, clean);
            }
            if (next != start) {
                update(cache, sql.head(), next);
                dsl.configuration().data(Database.NEEDS_SYNC, Boolean.TRUE);
            }
        } catch (SQLException e) {
            throw new DataAccessException("appending events at seq " + next + " failed: " + e.getMessage(), e);
        }
        return new AppendResult(next - start, start, next - 1, next);
    }

    /** The head and, on H2, the row count, read before the lock; -1 where not read. */
    private static HeadCount headCount(DSLContext dsl, StatementCache cache, Sql sql) throws SQLException {
        boolean h2 = dsl.family() == SQLDialect.H2;
        // H2 answers COUNT(*) from the index's row count only while the transaction has written
        // nothing: after the lock's head update (or any other write, such as a seal's subtrees: see
        // HeadCount) it walks the whole table, which made every append O(log size). So the count comes
        // first, and is trusted only if no other writer moved the head between it and the lock (then
        // the next append checks again).
        long sizeBefore = h2 ? number(cache, sql.size(), 0) : -1;
        long rows = h2 && sizeBefore > 0 ? number(cache, sql.count(), 0) : -1;
        return new HeadCount(sizeBefore, rows);
    }

    /** {@link #headCount(DSLContext, StatementCache, Sql)} on the transaction's connection (EventLog.headCount). */
    static HeadCount headCount(DSLContext dsl) {
        Connection c = dsl.configuration().connectionProvider().acquire();
        try {
            return headCount(dsl, StatementCache.named(dsl, c, CACHE), sql(dsl));
        } catch (SQLException e) {
            throw new DataAccessException("reading the log head failed: " + e.getMessage(), e);
        }
    }

    /** As the append does it, given the head and H2's row count read before the lock (EventLogHeadTest injects a count). */
    static long lockAndCheck(DSLContext dsl, long sizeBefore, long rows) {
        Connection c = dsl.configuration().connectionProvider().acquire();
        try {
            return lockAndCheck(dsl, StatementCache.named(dsl, c, CACHE), sql(dsl), sizeBefore, rows);
        } catch (SQLException e) {
            throw new DataAccessException("taking the log's writer lock failed: " + e.getMessage(), e);
        }
    }

    /**
     * Takes the writers' lock (a no-op update of the head row) and returns the log size, after
     * checking the head agrees with the events table, so a gap or a lost head is caught at once:
     * the last row's seq must be the head's size - 1 (one primary-key probe on every engine) and,
     * on H2, the row count must equal the size (H2 answers an unfiltered COUNT(*) from the primary
     * index's row count, so it stays cheap; SQLite and PostgreSQL would scan the table, so there a
     * hole below the last row is left to the seal's rehash). Only a failed check pays for finding
     * the first missing seq, and only a seq found missing refuses the append (ADR 0132).
     */
    private static long lockAndCheck(DSLContext dsl, StatementCache cache, Sql sql, long sizeBefore, long rows) throws SQLException {
        update(cache, sql.lock(), -1);
        long size = number(cache, sql.size(), 0);
        long actual = number(cache, sql.last(), -1) + 1;
        if (actual != size) {
            throw new VerificationFailedException("the log head says " + size + " events but the events table ends at seq "
                    + (actual - 1) + ": the log was changed outside mbp; investigate before appending");
        }
        HeadCheck.countAgrees(dsl, size, sizeBefore, rows);
        return size;
    }

    /** The one number {@code query} answers, or {@code ifNull} when it answers SQL NULL or no row. */
    private static long number(StatementCache cache, String query, long ifNull) throws SQLException {
        PreparedStatement ps = cache.take(query);
        boolean clean = false;
        try (ResultSet rs = ps.executeQuery()) {
            boolean row = rs.next();
            long n = row ? rs.getLong(1) : ifNull;
            n = row && rs.wasNull() ? ifNull : n;
            clean = true;
            return n;
        } finally {
            cache.giveBack(query, ps, clean);
        }
    }

    /** Runs the head update {@code statement}, binding {@code size} unless it is negative (the no-op lock). */
    private static void update(StatementCache cache, String statement, long size) throws SQLException {
        PreparedStatement ps = cache.take(statement);
        boolean clean = false;
        try {
            if (size >= 0) {
                ps.setLong(1, size);
            }
            ps.executeUpdate();
            clean = true;
        } finally {
            cache.giveBack(statement, ps, clean);
        }
    }
}
