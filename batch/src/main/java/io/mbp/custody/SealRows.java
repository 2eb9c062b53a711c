package io.mbp.custody;

import static io.mbp.sql.schema.Tables.MERKLE_NODES;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamCastMode;
import org.jooq.conf.SettingsTools;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The seal's rows in plain JDBC on the caller's transaction, as replay reads the log (ADR 0112): pages of events (only the
 * columns the leaf hash needs, plus the stored one), the stored subtrees starting in a page, and the
 * new subtrees as one batched insert. jOOQ renders each statement once per dialect; a jOOQ record per
 * row, hex parsed into arrays, cost the full-audit seal more than hashing (benchmarks.md round 3).
 */
final class SealRows implements AutoCloseable {
    /** One stored event; {@code leafHex} is the stored leaf hash as the column holds it. */
    interface EventRow {
        void accept(long seq, String type, String stream, String ts, String payload, String leafHex);
    }

    /** One stored subtree hash. */
    interface NodeRow {
        void accept(int level, long index, String hashHex);
    }

    /** Rows per JDBC fetch, at least a page, so a page is one round trip. */
    static final int FETCH = 10_000;
    private static final int INSERT_BATCH = 4096;
    private static final HexFormat HEX = HexFormat.of();
    private static final Map<SQLDialect, String[]> SQL = new ConcurrentHashMap<>();

    private final PreparedStatement events;
    private final PreparedStatement nodes;
    private final PreparedStatement insert;
    private int pending;

    private SealRows(Connection c, String[] sql) throws SQLException {
        events = forwardOnly(c, sql[0]);
        nodes = forwardOnly(c, sql[1]);
        insert = c.prepareStatement(sql[2]);
    }

    /** Runs {@code work} with the statements prepared on {@code dsl}'s connection, and closes them after. */
    static void with(DSLContext dsl, Work work) {
        String[] sql = SQL.computeIfAbsent(dsl.dialect(), d -> render(dsl));
        dsl.connection(c -> {
            try (SealRows rows = new SealRows(c, sql)) {
                work.run(rows);
            } catch (SQLException e) {
                throw new DataAccessException("sealing: reading the log or storing subtrees failed: " + e.getMessage(), e);
            }
        });
    }

    interface Work {
        void run(SealRows rows) throws SQLException;
    }

    /** The events with {@code from <= seq < to}, in seq order. */
    void events(long from, long to, EventRow sink) throws SQLException {
        events.setLong(1, from);
        events.setLong(2, to);
        try (ResultSet rs = events.executeQuery()) {
            while (rs.next()) {
                sink.accept(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
            }
        }
    }

    /** The stored subtrees whose first leaf is in {@code [from, to)}. */
    void nodes(long from, long to, NodeRow sink) throws SQLException {
        nodes.setLong(1, from);
        nodes.setLong(2, to);
        try (ResultSet rs = nodes.executeQuery()) {
            while (rs.next()) {
                sink.accept(rs.getInt(1), rs.getLong(2), rs.getString(3));
            }
        }
    }

    /** Queues a new subtree; {@link #close()} (or a full batch) writes it. */
    void insert(int level, long index, long firstSeq, byte[] hash) throws SQLException {
        insert.setInt(1, level);
        insert.setLong(2, index);
        insert.setLong(3, firstSeq);
        insert.setString(4, HEX.formatHex(hash));
        insert.addBatch();
        if (++pending == INSERT_BATCH) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }

    /** Whether {@code hex} (64 hex digits, as stored) spells {@code hash}, without parsing it into an array. */
    static boolean hexEquals(String hex, byte[] hash) {
        if (hex == null || hex.length() < 2 * hash.length) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < hash.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return false;
            }
            diff |= ((hi << 4) | lo) ^ (hash[i] & 0xff);
        }
        for (int i = 2 * hash.length; i < hex.length(); i++) {
            if (hex.charAt(i) != ' ') { // CHAR(64) may come back padded; anything else is not this hash
                return false;
            }
        }
        return diff == 0;
    }

    @Override
    public void close() throws SQLException {
        try (events; nodes; insert) {
            flush();
        }
    }

    private static PreparedStatement forwardOnly(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(FETCH);
        return ps;
    }

    private static String[] render(DSLContext dsl) {
        // Plain placeholders: H2 spends time on jOOQ's default CAST(? AS ...) around each bind.
        DSLContext plain = DSL.using(dsl.dialect(), SettingsTools.clone(dsl.settings()).withParamCastMode(ParamCastMode.NEVER));
        return new String[] {
            plain.render(io.mbp.events.EventLog.sealPage(plain, 0L, 0L)),
            plain.render(plain.select(MERKLE_NODES.LVL, MERKLE_NODES.IDX, MERKLE_NODES.HASH)
                    .from(MERKLE_NODES).where(MERKLE_NODES.FIRST_SEQ.ge(0L)).and(MERKLE_NODES.FIRST_SEQ.lt(0L))),
            plain.render(plain.insertInto(MERKLE_NODES, MERKLE_NODES.LVL, MERKLE_NODES.IDX, MERKLE_NODES.FIRST_SEQ,
                    MERKLE_NODES.HASH).values((Integer) null, null, null, null)),
        };
    }
}
