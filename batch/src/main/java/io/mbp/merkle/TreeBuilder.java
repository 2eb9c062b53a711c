package io.mbp.merkle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Appends leaves one at a time keeping only the O(log n) complete subtrees on the right edge (a
 * "compact range"). Each subtree that completes is reported, so the caller can store it or compare
 * it with what was stored; the root of the leaves so far is the fold of the edge.
 */
public final class TreeBuilder {
    /** Told of every complete subtree of level ≥ 1 as it completes. */
    public interface Listener {
        void completed(NodeId id, byte[] hash);
    }

    private record Entry(NodeId id, byte[] hash) {
    }

    private final Deque<Entry> edge = new ArrayDeque<>();
    private final Listener listener;
    private long size;

    public TreeBuilder(Listener listener) {
        this.listener = listener;
    }

    public long size() {
        return size;
    }

    public void append(byte[] leafHash) {
        Entry e = new Entry(new NodeId(0, size), leafHash);
        size++;
        while (!edge.isEmpty() && edge.peekLast().id().level() == e.id().level()) {
            Entry left = edge.removeLast();
            NodeId parent = new NodeId(e.id().level() + 1, left.id().index() >> 1);
            e = new Entry(parent, TreeHash.node(left.hash(), e.hash()));
            listener.completed(parent, e.hash());
        }
        edge.addLast(e);
    }

    /** MTH of the leaves appended so far. */
    public byte[] root() {
        if (edge.isEmpty()) {
            return TreeHash.empty();
        }
        Iterator<Entry> it = edge.descendingIterator();
        byte[] acc = it.next().hash();
        while (it.hasNext()) {
            acc = TreeHash.node(it.next().hash(), acc);
        }
        return acc;
    }
}
