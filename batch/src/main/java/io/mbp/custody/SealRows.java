package io.mbp.custody;

import static io.mbp.sql.schema.Tables.MERKLE_NODES;

import io.mbp.events.LeafHash;
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
    /** One stored event, re-hashed: its leaf hash from its content, and whether the stored leaf hash spells it. */
    interface EventRow {
        void accept(long seq, byte[] leaf, boolean matchesStored);
    }

    /** One stored subtree hash, parsed; null when the column does not hold 64 hex digits. */
    interface NodeRow {
        void accept(int level, long index, byte[] hash);
    }

    /** Rows per JDBC fetch, at least a page, so a page is one round trip. */
    static final int FETCH = 10_000;
    private static final int INSERT_BATCH = 4096;
    private static final HexFormat HEX = HexFormat.of();
    private static final Map<SQLDialect, String[]> SQL = new ConcurrentHashMap<>();

    /** Hex digit values by ASCII code, -1 for anything else. */
    private static final byte[] DIGIT = new byte[128];

    static {
        java.util.Arrays.fill(DIGIT, (byte) -1);
        for (int i = 0; i < 16; i++) {
            DIGIT["0123456789abcdef".charAt(i)] = (byte) i;
            DIGIT["0123456789ABCDEF".charAt(i)] = (byte) i;
        }
    }

    /**
     * Whether the text columns are read as their stored UTF-8 bytes (SQLite): decoding each into a
     * String was the largest part of the full audit's profile (docs/benchmarks.md, session 6).
     */
    private final boolean utf8;
    private final PreparedStatement events;
    private final PreparedStatement nodes;
    private final PreparedStatement insert;
    private int pending;

    private SealRows(Connection c, String[] sql, boolean utf8) throws SQLException {
        this.utf8 = utf8;
        events = forwardOnly(c, sql[0]);
        nodes = forwardOnly(c, sql[1]);
        insert = c.prepareStatement(sql[2]);
    }

    /** Runs {@code work} with the statements prepared on {@code dsl}'s connection, and closes them after. */
    static void with(DSLContext dsl, Work work) {
        String[] sql = SQL.computeIfAbsent(dsl.dialect(), d -> render(dsl));
        dsl.connection(c -> {
            try (SealRows rows = new SealRows(c, sql, dsl.family() == SQLDialect.SQLITE)) {
                work.run(rows);
            } catch (SQLException e) {
                throw new DataAccessException("sealing: reading the log or storing subtrees failed: " + e.getMessage(), e);
            }
        });
    }

    /** The seal's three statements as this dialect runs them: events page, stored subtrees, subtree insert (SealQueryPlanTest). */
    static String[] sql(DSLContext dsl) {
        return SQL.computeIfAbsent(dsl.dialect(), d -> render(dsl)).clone();
    }

    interface Work {
        void run(SealRows rows) throws SQLException;
    }

    /** The events with {@code from <= seq < to}, in seq order, each re-hashed from its stored content. */
    void events(long from, long to, EventRow sink) throws SQLException {
        events.setLong(1, from);
        events.setLong(2, to);
        try (ResultSet rs = events.executeQuery()) {
            while (rs.next()) {
                long seq = rs.getLong(1);
                // Plain ASCII rows (nearly all) hash from the stored bytes; anything else as strings, as
                // append hashed it: both give the same canonical bytes (LeafHashUtf8Test).
                byte[] leaf = utf8 ? LeafHash.ofUtf8(seq, rs.getBytes(2), rs.getBytes(3), rs.getBytes(4), rs.getBytes(5)) : null;
                if (leaf != null) {
                    sink.accept(seq, leaf, hexEquals(rs.getBytes(6), leaf));
                } else {
                    leaf = LeafHash.of(seq, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                    sink.accept(seq, leaf, hexEquals(rs.getString(6), leaf));
                }
            }
        }
    }

    /** The stored subtrees whose first leaf is in {@code [from, to)}. */
    void nodes(long from, long to, NodeRow sink) throws SQLException {
        nodes.setLong(1, from);
        nodes.setLong(2, to);
        try (ResultSet rs = nodes.executeQuery()) {
            while (rs.next()) {
                sink.accept(rs.getInt(1), rs.getLong(2), utf8 ? parseHex(rs.getBytes(3)) : parseHex(rs.getString(3)));
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
            int hi = digit(hex.charAt(2 * i));
            int lo = digit(hex.charAt(2 * i + 1));
            diff |= (hi | lo) & 0x100; // a non-digit sets bit 8
            diff |= ((hi << 4) | lo) ^ (hash[i] & 0xff);
        }
        for (int i = 2 * hash.length; i < hex.length(); i++) {
            if (hex.charAt(i) != ' ') { // CHAR(64) may come back padded; anything else is not this hash
                return false;
            }
        }
        return diff == 0;
    }

    /** {@link #hexEquals(String, byte[])} on the column's stored ASCII bytes. */
    static boolean hexEquals(byte[] hex, byte[] hash) {
        if (hex == null || hex.length < 2 * hash.length) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < hash.length; i++) {
            int hi = digit(hex[2 * i]);
            int lo = digit(hex[2 * i + 1]);
            diff |= (hi | lo) & 0x100;
            diff |= ((hi << 4) | lo) ^ (hash[i] & 0xff);
        }
        for (int i = 2 * hash.length; i < hex.length; i++) {
            if (hex[i] != ' ') {
                return false;
            }
        }
        return diff == 0;
    }

    /** The 32 bytes a stored hash column spells (trailing pad spaces allowed), or null if it does not. */
    static byte[] parseHex(String hex) {
        if (hex == null) {
            return null;
        }
        if (hex.length() < 64) {
            return null;
        }
        byte[] out = new byte[32];
        int bad = 0;
        for (int i = 0; i < 32; i++) {
            int hi = digit(hex.charAt(2 * i));
            int lo = digit(hex.charAt(2 * i + 1));
            bad |= (hi | lo) & 0x100;
            out[i] = (byte) ((hi << 4) | lo);
        }
        for (int i = 64; i < hex.length(); i++) {
            bad |= hex.charAt(i) == ' ' ? 0 : 0x100;
        }
        return bad == 0 ? out : null;
    }

    static byte[] parseHex(byte[] hex) {
        if (hex == null || hex.length < 64) {
            return null;
        }
        byte[] out = new byte[32];
        int bad = 0;
        for (int i = 0; i < 32; i++) {
            int hi = digit(hex[2 * i]);
            int lo = digit(hex[2 * i + 1]);
            bad |= (hi | lo) & 0x100;
            out[i] = (byte) ((hi << 4) | lo);
        }
        for (int i = 64; i < hex.length; i++) {
            bad |= hex[i] == ' ' ? 0 : 0x100;
        }
        return bad == 0 ? out : null;
    }

    /** The value of a hex digit, or 0x100 (a bit no digit has) for anything else. */
    private static int digit(int c) {
        int d = c >= 0 && c < 128 ? DIGIT[c] : -1;
        return d < 0 ? 0x100 : d;
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
