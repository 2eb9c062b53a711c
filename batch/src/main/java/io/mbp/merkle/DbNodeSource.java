package io.mbp.merkle;

import static io.mbp.sql.schema.Tables.MERKLE_NODES;

import io.mbp.events.EventLog;
import io.mbp.sql.StatementCache;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Row2;
import org.jooq.conf.ParamCastMode;
import org.jooq.conf.SettingsTools;
import org.jooq.impl.DSL;
import org.jooq.exception.DataAccessException;

/**
 * Subtree hashes from the database: level 0 is {@code events.leaf_hash}, higher levels the
 * {@code merkle_nodes} seal stored. Every node a proof needs comes back from one statement, one
 * round trip (ADR 0110): the stored subtrees by {@code (lvl, idx) IN (...)} (primary-key seeks; jOOQ
 * renders it as an OR of row comparisons where the engine lacks row-value IN) and the leaves by
 * {@code seq IN (...)}, joined by UNION ALL. The IN lists are padded to a power of two, so a handful
 * of statement texts serve every proof; each is prepared once per connection and kept open
 * ({@link StatementCache}, ADR 0111), because preparing it cost H2 more than running it.
 */
public final class DbNodeSource implements NodeSource {
    private static final HexFormat HEX = HexFormat.of();
    private static final Map<String, String> SQL = new ConcurrentHashMap<>();
    private final DSLContext dsl;
    private final SubtreeCache cache;

    /** Every node from the database: what seal and audits use, as they check the stored rows. */
    public DbNodeSource(DSLContext dsl) {
        this(dsl, null);
    }

    private DbNodeSource(DSLContext dsl, SubtreeCache cache) {
        this.dsl = dsl;
        this.cache = cache;
    }

    /**
     * For serving proofs: the upper subtrees come from the {@code Database}'s {@link SubtreeCache} once read
     * (ADR 0117), so a proof's one statement seeks only the lower levels and the leaf.
     */
    public static DbNodeSource forProofs(DSLContext dsl) {
        return new DbNodeSource(dsl, SubtreeCache.of(dsl));
    }

    @Override
    public Map<NodeId, byte[]> fetch(Set<NodeId> ids) {
        if (cache == null) {
            return read(ids);
        }
        Map<NodeId, byte[]> out = new HashMap<>();
        Set<NodeId> missing = new LinkedHashSet<>();
        for (NodeId id : ids) {
            byte[] h = cache.get(id);
            if (h != null) {
                out.put(id, h);
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            Map<NodeId, byte[]> read = read(missing);
            cache.keep(read);
            out.putAll(read);
        }
        return out;
    }

    private Map<NodeId, byte[]> read(Set<NodeId> ids) {
        Set<Long> leaves = new LinkedHashSet<>();
        List<NodeId> nodes = new ArrayList<>();
        for (NodeId id : ids) {
            if (id.level() == 0) {
                leaves.add(id.index());
            } else {
                nodes.add(id);
            }
        }
        int width = Integer.highestOneBit(Math.max(8, Math.max(leaves.size(), nodes.size())) - 1) << 1;
        String sql = SQL.computeIfAbsent(dsl.dialect() + "/" + width, k -> render(width));
        Map<NodeId, byte[]> out = new HashMap<>();
        dsl.connection(c -> {
            StatementCache cache = StatementCache.of(dsl, c);
            PreparedStatement ps = null;
            boolean reusable = false;
            try {
                ps = cache.take(sql);
                int p = 1;
                for (int i = 0; i < width; i++) {
                    NodeId id = nodes.isEmpty() ? null : nodes.get(i < nodes.size() ? i : 0);
                    ps.setInt(p++, id == null ? -1 : id.level());
                    ps.setLong(p++, id == null ? -1 : id.index());
                }
                bind(ps, p, leaves, width);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        NodeId id = new NodeId(rs.getInt(1), rs.getLong(2));
                        if (ids.contains(id)) {
                            out.put(id, HEX.parseHex(rs.getString(3).trim()));
                        }
                    }
                }
                reusable = true;
            } catch (SQLException e) {
                throw new DataAccessException("reading " + ids.size() + " subtree hashes failed: " + e.getMessage(), e);
            } finally {
                if (ps != null) {
                    cache.giveBack(sql, ps, reusable);
                }
            }
        });
        for (NodeId id : ids) {
            if (!out.containsKey(id)) {
                throw new MissingNodeException(id);
            }
        }
        return out;
    }

    /** Binds {@code values} padded to {@code width} with its first value (or -1, which matches nothing). */
    private static int bind(PreparedStatement ps, int at, Set<Long> values, int width) throws SQLException {
        long pad = values.isEmpty() ? -1 : values.iterator().next();
        int i = 0;
        for (long v : values) {
            ps.setLong(at + i++, v);
        }
        for (; i < width; i++) {
            ps.setLong(at + i, pad);
        }
        return at + width;
    }

    /** The statement with {@code width} placeholders per IN list, rendered by jOOQ for this dialect. */
    private String render(int width) {
        List<Row2<Integer, Long>> pairs = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            pairs.add(DSL.row(DSL.val(0), DSL.val(0L)));
        }
        List<Param<Long>> leaves = params(width, 0L);
        // Plain placeholders: H2 spends time on jOOQ's default CAST(? AS ...) around each bind.
        DSLContext plain = DSL.using(dsl.configuration().derive(SettingsTools.clone(dsl.settings()).withParamCastMode(ParamCastMode.NEVER)));
        return plain.render(dsl.select(MERKLE_NODES.LVL, MERKLE_NODES.IDX, MERKLE_NODES.HASH).from(MERKLE_NODES)
                .where(DSL.row(MERKLE_NODES.LVL, MERKLE_NODES.IDX).in(pairs))
                .unionAll(EventLog.leafHashRows(dsl, leaves)));
    }

    private static <T> List<Param<T>> params(int width, T sample) {
        List<Param<T>> out = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            out.add(DSL.val(sample));
        }
        return out;
    }

    /** A node a proof needs is not stored: the range was never sealed, or rows were removed. */
    public static final class MissingNodeException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MissingNodeException(NodeId id) {
            super("the database has no hash for subtree level " + id.level() + " index " + id.index()
                    + " (events " + id.firstLeaf() + ".." + (id.endLeaf() - 1) + "): seal first, or the stored tree was damaged");
        }
    }
}
