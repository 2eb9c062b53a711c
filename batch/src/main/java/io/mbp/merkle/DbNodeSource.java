package io.mbp.merkle;

import static io.mbp.sql.schema.Tables.MERKLE_NODES;

import io.mbp.events.EventLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.Select;

/**
 * Subtree hashes from the database: level 0 is {@code events.leaf_hash}, higher levels the
 * {@code merkle_nodes} seal stored. One query per table per proof, each an index seek per node.
 */
public final class DbNodeSource implements NodeSource {
    private static final HexFormat HEX = HexFormat.of();
    private final DSLContext dsl;

    public DbNodeSource(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Map<NodeId, byte[]> fetch(Set<NodeId> ids) {
        Map<NodeId, byte[]> out = new HashMap<>();
        List<Long> leaves = new ArrayList<>();
        List<NodeId> nodes = new ArrayList<>();
        for (NodeId id : ids) {
            if (id.level() == 0) {
                leaves.add(id.index());
            } else {
                nodes.add(id);
            }
        }
        if (!leaves.isEmpty()) {
            EventLog.leafHashes(dsl, leaves).forEach((seq, hash) -> out.put(new NodeId(0, seq), hash));
        }
        if (!nodes.isEmpty()) {
            // A UNION ALL of primary-key point lookups: every engine plans each branch as an index
            // seek, where an OR of (lvl, idx) pairs may be planned as a full scan.
            Select<Record3<Integer, Long, String>> union = null;
            for (NodeId id : nodes) {
                Select<Record3<Integer, Long, String>> one = dsl.select(MERKLE_NODES.LVL, MERKLE_NODES.IDX, MERKLE_NODES.HASH)
                        .from(MERKLE_NODES).where(MERKLE_NODES.LVL.eq(id.level()).and(MERKLE_NODES.IDX.eq(id.index())));
                union = union == null ? one : union.unionAll(one);
            }
            for (Record3<Integer, Long, String> r : dsl.fetch(union)) {
                out.put(new NodeId(r.value1(), r.value2()), HEX.parseHex(r.value3().trim()));
            }
        }
        for (NodeId id : ids) {
            if (!out.containsKey(id)) {
                throw new MissingNodeException(id);
            }
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
