package io.mbp.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Configuration;
import org.jooq.DSLContext;

/**
 * Prepared statements kept open on one connection, by SQL text, for hot reads that run the same few
 * statements thousands of times (inclusion proofs, ADR 0111). H2 spends more time preparing such a
 * statement than executing it, so preparing it once per connection is most of a proof's cost.
 *
 * <p>The cache lives in the jOOQ configuration's data map, so it lives and dies with its
 * {@link Database} (one connection, closed with it). A statement is taken out while in use and given
 * back after, so two threads never share one; a statement that failed is closed, not given back.
 */
public final class StatementCache {
    private static final String KEY = "mbp.statement-cache";
    /** Enough for every width of every cached statement; beyond it statements are closed after use. */
    private static final int MAX = 64;

    private final Connection connection;
    private final ConcurrentHashMap<String, PreparedStatement> idle = new ConcurrentHashMap<>();

    private StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** The cache of {@code dsl}'s configuration for connection {@code c}, made on first use. */
    public static StatementCache of(DSLContext dsl, Connection c) {
        return of(dsl, c, KEY);
    }

    /**
     * A separate cache called {@code name} on the same connection, for a caller whose statements
     * should neither count against nor be counted with the proofs' (the log's appends, ADR 0126).
     */
    public static StatementCache named(DSLContext dsl, Connection c, String name) {
        return of(dsl, c, KEY + "." + name);
    }

    private static StatementCache of(DSLContext dsl, Connection c, String key) {
        Configuration cfg = dsl.configuration();
        synchronized (cfg) {
            if (cfg.data(key) instanceof StatementCache sc && sc.connection == c) {
                return sc;
            }
            StatementCache sc = new StatementCache(c);
            cfg.data(key, sc);
            return sc;
        }
    }

    /** An open statement for {@code sql}, owned by the caller until {@link #giveBack}. */
    public PreparedStatement take(String sql) throws SQLException {
        PreparedStatement ps = idle.remove(sql);
        if (ps != null && !ps.isClosed()) {
            return ps;
        }
        return connection.prepareStatement(sql);
    }

    /** Returns {@code ps} for reuse if it ran cleanly ({@code reusable}); otherwise closes it. */
    public void giveBack(String sql, PreparedStatement ps, boolean reusable) {
        if (reusable && idle.size() < MAX && idle.putIfAbsent(sql, ps) == null) {
            return;
        }
        try {
            ps.close();
        } catch (SQLException ignored) {
            // a statement we could not close dies with its connection
        }
    }

    /** How many statements are open and idle (for tests). */
    public int idle() {
        return idle.size();
    }

    /** The texts of the idle statements (for tests). */
    public java.util.List<String> sqlTexts() {
        return java.util.List.copyOf(idle.keySet());
    }
}
