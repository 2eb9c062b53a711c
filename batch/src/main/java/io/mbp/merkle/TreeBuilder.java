package io.mbp.merkle;

import java.security.DigestException;
import java.security.MessageDigest;

/**
 * Appends leaves one at a time keeping only the O(log n) complete subtrees on the right edge (a
 * "compact range"). Each subtree that completes is reported, so the caller can store it or compare
 * it with what was stored; the root of the leaves so far is the fold of the edge.
 *
 * <p>The edge is one hash per set bit of the size (bit l set = a complete subtree of level l), kept
 * in fixed arrays, and each interior node is one 65-byte digest from a scratch buffer: the seal
 * streams millions of leaves through here, so it must run near raw SHA-256 speed (ADR 0109).
 */
public final class TreeBuilder {
    /** Told of every complete subtree of level ≥ 1 as it completes. */
    public interface Listener {
        void completed(NodeId id, byte[] hash);
    }

    private final byte[][] edge = new byte[64][];
    private final Listener listener;
    private final MessageDigest md = TreeHash.newDigest();
    private final byte[] scratch = new byte[1 + 2 * TreeHash.SIZE];
    private long size;

    public TreeBuilder(Listener listener) {
        this.listener = listener;
        scratch[0] = 0x01;
    }

    /**
     * A builder that continues a tree of {@code size} leaves from its compact range: the hashes of
     * the complete subtrees of {@link #edgeOf(long)}, left to right (what a verified checkpoint's
     * stored subtrees give), so a seal need not re-read the leaves below its high-water mark.
     */
    public static TreeBuilder resume(long size, java.util.List<byte[]> edgeHashes, Listener listener) {
        java.util.List<NodeId> ids = edgeOf(size);
        if (ids.size() != edgeHashes.size()) {
            throw new IllegalArgumentException("a tree of " + size + " leaves has " + ids.size() + " edge subtrees, got "
                    + edgeHashes.size());
        }
        TreeBuilder b = new TreeBuilder(listener);
        for (int i = 0; i < ids.size(); i++) {
            b.edge[ids.get(i).level()] = edgeHashes.get(i).clone();
        }
        b.size = size;
        return b;
    }

    /** The complete subtrees whose fold is the root of {@code size} leaves, left (largest) first. */
    public static java.util.List<NodeId> edgeOf(long size) {
        java.util.List<NodeId> out = new java.util.ArrayList<>();
        long start = 0;
        for (int l = 62; l >= 0; l--) {
            if ((size & (1L << l)) != 0) {
                out.add(new NodeId(l, start >> l));
                start += 1L << l;
            }
        }
        return out;
    }

    public long size() {
        return size;
    }

    public void append(byte[] leafHash) {
        byte[] h = leafHash;
        int level = 0;
        long index = size;
        // Every trailing 1 bit of the size is a complete subtree on the edge that the new one pairs with.
        while ((size & (1L << level)) != 0) {
            h = node(edge[level], h);
            edge[level] = null;
            level++;
            index >>= 1;
            listener.completed(new NodeId(level, index), h);
        }
        edge[level] = h;
        size++;
    }

    /** MTH of the leaves appended so far. */
    public byte[] root() {
        if (size == 0) {
            return TreeHash.empty();
        }
        byte[] acc = null;
        for (int l = 0; l < edge.length; l++) {
            if ((size & (1L << l)) != 0) {
                acc = acc == null ? edge[l] : node(edge[l], acc);
            }
        }
        return acc;
    }

    private byte[] node(byte[] left, byte[] right) {
        System.arraycopy(left, 0, scratch, 1, TreeHash.SIZE);
        System.arraycopy(right, 0, scratch, 1 + TreeHash.SIZE, TreeHash.SIZE);
        md.update(scratch, 0, scratch.length);
        byte[] out = new byte[TreeHash.SIZE];
        try {
            md.digest(out, 0, TreeHash.SIZE);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
