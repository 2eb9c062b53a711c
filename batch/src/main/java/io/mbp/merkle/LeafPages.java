package io.mbp.merkle;

/**
 * Leaf hashes on their way into a {@link TreeBuilder} as they stream past (the seal's re-hash, the
 * evidence build's copy, the verifier's re-hash): the leaves are gathered into a page and handed to
 * {@link TreeBuilder#appendAll} a page at a time, which hashes each aligned run level by level (ADR
 * 0141) instead of walking the tree's edge leaf by leaf. Same tree, same root, same subtrees reported to
 * the builder's listener as one {@link TreeBuilder#append} per leaf; memory is one page, whatever the log.
 */
public final class LeafPages {
    /** Leaves per page by default: 32 KiB of hashes, runs of up to 2^10 leaves. */
    public static final int LEAVES = 1024;

    private final TreeBuilder tree;
    private final byte[] page;
    private int count;

    /** A fresh tree whose subtrees nobody needs, in pages of {@link #LEAVES}. */
    public LeafPages() {
        this(new TreeBuilder((id, hash) -> { }), LEAVES);
    }

    /** Feeds {@code tree} (fresh or resumed) in pages of {@code leaves}. */
    public LeafPages(TreeBuilder tree, int leaves) {
        if (leaves < 1) {
            throw new IllegalArgumentException("a page holds at least one leaf: " + leaves);
        }
        this.tree = tree;
        this.page = new byte[leaves * TreeHash.SIZE];
    }

    /** Adds the next leaf hash (32 bytes, copied); a full page joins the tree at once. */
    public void add(byte[] leafHash) {
        add(leafHash, 0);
    }

    /** Adds the leaf hash at {@code offset} of {@code leafHashes} (32 bytes, copied). */
    public void add(byte[] leafHashes, int offset) {
        System.arraycopy(leafHashes, offset, page, count * TreeHash.SIZE, TreeHash.SIZE);
        if (++count * TreeHash.SIZE == page.length) {
            flush();
        }
    }

    /** Leaves added so far. */
    public long size() {
        return tree.size() + count;
    }

    /** The root of every leaf added so far (more may follow). */
    public byte[] root() {
        flush();
        return tree.root();
    }

    /** Hands the page's leaves to the tree now: its listener has seen every subtree they complete. */
    public void flush() {
        if (count > 0) {
            tree.appendAll(page, 0, count);
            count = 0;
        }
    }
}
