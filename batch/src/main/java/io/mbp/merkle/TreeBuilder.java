package io.mbp.merkle;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Appends leaves one at a time keeping only the O(log n) complete subtrees on the right edge (a
 * "compact range"). Each subtree that completes is reported, so the caller can store it or compare
 * it with what was stored; the root of the leaves so far is the fold of the edge.
 *
 * <p>The edge is one hash per set bit of the size (bit l set = a complete subtree of level l), kept
 * in one flat array, and each interior node is one 65-byte digest from a scratch buffer into a reused
 * 32-byte one. The seal streams millions of leaves through here, so it must run near raw SHA-256
 * speed (ADR 0109): it joins whole pages with {@link #appendAll}, which hashes aligned blocks level by
 * level as the in-memory tree does; leaf by leaf, the climb up the edge (0, 1, 0, 2, … levels) ran at
 * about 0.72 of raw against the in-memory tree's 0.93 (ADR 0141).
 */
public final class TreeBuilder {
    /** Told of every complete subtree of level ≥ 1 as it completes. */
    public interface Listener {
        /**
         * {@code hash} is the builder's own buffer, overwritten by the next node: read or copy it
         * here, never keep it.
         */
        void completed(NodeId id, byte[] hash);
    }

    private static final int SIZE = TreeHash.SIZE;
    /** Runs of at most 2^13 leaves (a seal page): their level-1 nodes, 128 KiB, stay in the core's cache. */
    private static final int MAX_RUN_LEVEL = 13;
    /** Edge subtree of level l at {@code l * SIZE}, valid while bit l of {@link #size} is set. */
    private final byte[] edge = new byte[64 * SIZE];
    private final Listener listener;
    private final MessageDigest md = TreeHash.newDigest();
    /** 0x01 ‖ left ‖ right of the node being hashed. */
    private final byte[] scratch = new byte[1 + 2 * SIZE];
    /** The node just hashed (what the listener is shown). */
    private final byte[] hash = new byte[SIZE];
    /** The levels of the run {@link #appendAll} is hashing, grown to the largest run seen (at most 2^12 nodes). */
    private byte[] work = new byte[0];
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
    public static TreeBuilder resume(long size, List<byte[]> edgeHashes, Listener listener) {
        List<NodeId> ids = edgeOf(size);
        if (ids.size() != edgeHashes.size()) {
            throw new IllegalArgumentException("a tree of " + size + " leaves has " + ids.size() + " edge subtrees, got "
                    + edgeHashes.size());
        }
        TreeBuilder b = new TreeBuilder(listener);
        for (int i = 0; i < ids.size(); i++) {
            byte[] h = edgeHashes.get(i);
            if (h.length != SIZE) {
                throw new IllegalArgumentException("an edge subtree hash is " + SIZE + " bytes, got " + h.length);
            }
            System.arraycopy(h, 0, b.edge, ids.get(i).level() * SIZE, SIZE);
        }
        b.size = size;
        return b;
    }

    /** The complete subtrees whose fold is the root of {@code size} leaves, left (largest) first. */
    public static List<NodeId> edgeOf(long size) {
        List<NodeId> out = new ArrayList<>();
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

    /** Appends the leaf hash {@code leafHash} (32 bytes; not kept). */
    public void append(byte[] leafHash) {
        append(leafHash, 0);
    }

    /** Appends the leaf hash at {@code leafHashes[offset..offset+32)} (not kept). */
    public void append(byte[] leafHashes, int offset) {
        if ((size & 1) == 0) {
            System.arraycopy(leafHashes, offset, edge, 0, SIZE);
            size++;
            return;
        }
        // Every trailing 1 bit of the size is a complete subtree on the edge that the new one pairs with.
        System.arraycopy(leafHashes, offset, scratch, 1 + SIZE, SIZE);
        joinEdge(0, size);
        size++;
    }

    /**
     * Joins the complete subtree in {@code scratch[1+SIZE..)} (level {@code level}, index {@code index})
     * with the edge: every set bit of the size from that level up is a subtree it pairs with.
     */
    private void joinEdge(int level, long index) {
        while ((size & (1L << level)) != 0) {
            System.arraycopy(edge, level * SIZE, scratch, 1, SIZE);
            digestScratch();
            level++;
            index >>= 1;
            listener.completed(new NodeId(level, index), hash);
            System.arraycopy(hash, 0, scratch, 1 + SIZE, SIZE);
        }
        System.arraycopy(scratch, 1 + SIZE, edge, level * SIZE, SIZE);
    }

    /**
     * Appends {@code count} leaf hashes from {@code leafHashes[offset..offset+32·count)} (not kept): the
     * same tree and the same completed subtrees as {@code count} calls of {@link #append(byte[], int)},
     * but each aligned power-of-two run is hashed level by level in one buffer, as the in-memory tree
     * is (ADR 0141), instead of walking the edge leaf by leaf. The subtrees are reported level by level
     * within a run, not in the order single appends would report them.
     */
    public void appendAll(byte[] leafHashes, int offset, int count) {
        Objects.checkFromIndexSize(offset, Math.multiplyExact(count, SIZE), leafHashes.length);
        int at = offset;
        int left = count;
        while (left > 0) {
            // The largest subtree that starts at this size (aligned) and fits in what is left.
            int k = Math.min(MAX_RUN_LEVEL, 31 - Integer.numberOfLeadingZeros(left));
            if (size != 0) {
                k = Math.min(k, Long.numberOfTrailingZeros(size));
            }
            if (k == 0) {
                append(leafHashes, at);
            } else {
                subtree(leafHashes, at, k);
            }
            at += SIZE << k;
            left -= 1 << k;
        }
    }

    /** Hashes the 2^k leaves at {@code at} into one subtree and joins it to the edge (size is a multiple of 2^k). */
    private void subtree(byte[] leafHashes, int at, int k) {
        int pairs = 1 << (k - 1);
        byte[] work = ensureWork(pairs * SIZE);
        long first = size;
        for (int i = 0; i < pairs; i++) {
            System.arraycopy(leafHashes, at + 2 * i * SIZE, scratch, 1, 2 * SIZE);
            node(work, i, new NodeId(1, (first >> 1) + i));
        }
        for (int level = 2; level <= k; level++) {
            pairs >>= 1;
            for (int i = 0; i < pairs; i++) {
                // Reads slots 2i and 2i+1 of the level below before slot i is overwritten (i <= 2i).
                System.arraycopy(work, 2 * i * SIZE, scratch, 1, 2 * SIZE);
                node(work, i, new NodeId(level, (first >> level) + i));
            }
        }
        // The run's root is a complete subtree of level k: it pairs with the edge like a leaf at level 0.
        System.arraycopy(work, 0, scratch, 1 + SIZE, SIZE);
        joinEdge(k, first >> k);
        size += 1L << k;
    }

    /** Hashes the scratch into slot {@code i} of {@code work} and reports it as {@code id}. */
    private void node(byte[] work, int i, NodeId id) {
        digestScratch();
        listener.completed(id, hash);
        System.arraycopy(hash, 0, work, i * SIZE, SIZE);
    }

    private byte[] ensureWork(int n) {
        if (work.length < n) {
            work = new byte[n];
        }
        return work;
    }

    /** MTH of the leaves appended so far. */
    public byte[] root() {
        if (size == 0) {
            return TreeHash.empty();
        }
        byte[] acc = null;
        for (int l = 0; l < 64; l++) {
            if ((size & (1L << l)) != 0) {
                if (acc == null) {
                    acc = Arrays.copyOfRange(edge, l * SIZE, (l + 1) * SIZE);
                } else {
                    System.arraycopy(edge, l * SIZE, scratch, 1, SIZE);
                    System.arraycopy(acc, 0, scratch, 1 + SIZE, SIZE);
                    digestScratch();
                    acc = hash.clone();
                }
            }
        }
        return acc;
    }

    private void digestScratch() {
        md.update(scratch, 0, scratch.length);
        try {
            md.digest(hash, 0, SIZE);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }
}
