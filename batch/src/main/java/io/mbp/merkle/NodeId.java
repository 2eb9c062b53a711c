package io.mbp.merkle;

/**
 * A complete, aligned subtree: level 0 is a leaf, and the node at {@code level}, {@code index}
 * covers leaves {@code [index·2^level, (index+1)·2^level)}. Every proof hash is built from these.
 */
public record NodeId(int level, long index) {
    public NodeId {
        if (level < 0 || level > 62 || index < 0) {
            throw new IllegalArgumentException("no such node: level " + level + ", index " + index);
        }
    }

    public long firstLeaf() {
        return index << level;
    }

    public long endLeaf() {
        return (index + 1) << level;
    }
}
