package io.mbp.merkle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Roots and proofs (RFC 9162 §2.1.2–2.1.4) of a log of any size, read from a {@link NodeSource}
 * of complete subtree hashes. Each call works out which nodes it needs (O(log n) of them), fetches
 * them in one request, and folds them: no leaf is re-hashed and nothing is rebuilt.
 */
public final class MerkleTree {
    private final NodeSource source;

    public MerkleTree(NodeSource source) {
        this.source = source;
    }

    /** MTH(D[0:size]). */
    public byte[] root(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("tree size must be >= 0, got " + size);
        }
        if (size == 0) {
            return TreeHash.empty();
        }
        return hashes(List.of(new Ranges.Range(0, size))).get(0);
    }

    /** The audit path for leaf {@code index} in the tree of {@code size} leaves. */
    public List<byte[]> inclusionProof(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        return hashes(Ranges.inclusion(index, size));
    }

    /** The proof that the tree of {@code size} leaves extends the one of {@code first} leaves. */
    public List<byte[]> consistencyProof(long first, long size) {
        if (first < 0 || first > size) {
            throw new IllegalArgumentException("no consistency proof from size " + first + " to size " + size);
        }
        return hashes(Ranges.consistency(first, size));
    }

    private List<byte[]> hashes(List<Ranges.Range> ranges) {
        List<List<NodeId>> parts = new ArrayList<>(ranges.size());
        Set<NodeId> needed = new LinkedHashSet<>();
        for (Ranges.Range r : ranges) {
            List<NodeId> ids = new ArrayList<>();
            Ranges.decompose(r.start(), r.end(), ids);
            parts.add(ids);
            needed.addAll(ids);
        }
        Map<NodeId, byte[]> nodes = source.fetch(needed);
        List<byte[]> out = new ArrayList<>(ranges.size());
        for (List<NodeId> ids : parts) {
            out.add(fold(ids, nodes));
        }
        return out;
    }

    /** MTH of a range from its complete subtrees, left to right: node(P0, node(P1, ... Pk)). */
    private static byte[] fold(List<NodeId> ids, Map<NodeId, byte[]> nodes) {
        byte[] acc = require(nodes, ids.get(ids.size() - 1));
        for (int i = ids.size() - 2; i >= 0; i--) {
            acc = TreeHash.node(require(nodes, ids.get(i)), acc);
        }
        return acc;
    }

    private static byte[] require(Map<NodeId, byte[]> nodes, NodeId id) {
        byte[] h = nodes.get(id);
        if (h == null) {
            throw new IllegalStateException("node store has no hash for level " + id.level() + " index " + id.index());
        }
        return h;
    }
}
