package io.mbp.evidence;

import io.mbp.merkle.TreeBuilder;
import io.mbp.merkle.TreeHash;

/**
 * The root of a bundle's leaves as they stream past (the build's copy, the verifier's re-hash): the
 * leaves are gathered into a page and handed to {@link TreeBuilder#appendAll} a page at a time, which
 * hashes each aligned run level by level (ADR 0141) instead of walking the tree's edge leaf by leaf.
 * Same tree, same root as one {@link TreeBuilder#append} per leaf; memory is one page, whatever the log.
 */
final class LeafPages {
    /** Leaves per page: 32 KiB of hashes, runs of up to 2^10 leaves. */
    static final int LEAVES = 1024;

    private final TreeBuilder tree = new TreeBuilder((id, hash) -> { });
    private final byte[] page = new byte[LEAVES * TreeHash.SIZE];
    private int count;

    /** Adds the next leaf hash (32 bytes, copied). */
    void add(byte[] leafHash) {
        System.arraycopy(leafHash, 0, page, count * TreeHash.SIZE, TreeHash.SIZE);
        if (++count == LEAVES) {
            flush();
        }
    }

    /** Leaves added so far. */
    long size() {
        return tree.size() + count;
    }

    /** The root of every leaf added so far (more may follow). */
    byte[] root() {
        flush();
        return tree.root();
    }

    private void flush() {
        tree.appendAll(page, 0, count);
        count = 0;
    }
}
