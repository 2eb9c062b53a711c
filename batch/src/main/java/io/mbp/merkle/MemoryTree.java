package io.mbp.merkle;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every complete subtree of a fixed set of leaves, level by level in flat byte arrays (32 bytes a
 * node, no per-node objects), so a 10-million-leaf tree fits in about 640 MB and builds at close to
 * raw SHA-256 speed. For benchmarks, tests and offline tools; the live log uses the database.
 */
public final class MemoryTree implements NodeSource {
    private final byte[][] levels;
    private final long size;

    private MemoryTree(byte[][] levels, long size) {
        this.levels = levels;
        this.size = size;
    }

    /** Builds all levels over {@code leafHashes} (n leaf hashes of 32 bytes, concatenated). */
    public static MemoryTree build(byte[] leafHashes) {
        if (leafHashes.length % TreeHash.SIZE != 0) {
            throw new IllegalArgumentException("leaf hashes must be a whole number of 32-byte hashes");
        }
        long n = leafHashes.length / TreeHash.SIZE;
        int height = n <= 1 ? 1 : 64 - Long.numberOfLeadingZeros(n - 1) + 1;
        byte[][] levels = new byte[height][];
        levels[0] = leafHashes;
        java.security.MessageDigest md = TreeHash.newDigest();
        // One 65-byte update per node (0x01 ‖ left ‖ right in a scratch buffer) instead of two
        // updates: the same work as the raw-SHA-256 baseline, so the build runs at its speed.
        byte[] scratch = new byte[1 + 2 * TreeHash.SIZE];
        scratch[0] = 0x01;
        for (int l = 1; l < height; l++) {
            byte[] below = levels[l - 1];
            int count = below.length / TreeHash.SIZE / 2;
            byte[] level = new byte[count * TreeHash.SIZE];
            for (int i = 0; i < count; i++) {
                System.arraycopy(below, 2 * i * TreeHash.SIZE, scratch, 1, 2 * TreeHash.SIZE);
                md.update(scratch, 0, scratch.length);
                try {
                    md.digest(level, i * TreeHash.SIZE, TreeHash.SIZE);
                } catch (java.security.DigestException e) {
                    throw new IllegalStateException(e);
                }
            }
            levels[l] = level;
        }
        return new MemoryTree(levels, n);
    }

    public long size() {
        return size;
    }

    public byte[] node(NodeId id) {
        if (id.level() >= levels.length || id.endLeaf() > size) {
            throw new IllegalArgumentException("node " + id + " is not complete in a tree of " + size + " leaves");
        }
        byte[] out = new byte[TreeHash.SIZE];
        System.arraycopy(levels[id.level()], (int) (id.index() * TreeHash.SIZE), out, 0, TreeHash.SIZE);
        return out;
    }

    @Override
    public Map<NodeId, byte[]> fetch(Set<NodeId> ids) {
        Map<NodeId, byte[]> out = new HashMap<>();
        for (NodeId id : ids) {
            out.put(id, node(id));
        }
        return out;
    }
}
