package io.mbp.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The seal's, the build's and the verifier's paged root is the root of one append per leaf and of the in-memory tree. */
class LeafPagesTest {
    private static byte[] leaf(int i) {
        return TreeHash.leaf(("event " + i).getBytes(StandardCharsets.UTF_8));
    }

    /** The reference: one append per leaf, as the build and the verifier did before. */
    private static byte[] oneByOne(int n) {
        TreeBuilder t = new TreeBuilder((id, hash) -> { });
        for (int i = 0; i < n; i++) {
            t.append(leaf(i));
        }
        return t.root();
    }

    private static byte[] paged(int n) {
        LeafPages p = new LeafPages();
        for (int i = 0; i < n; i++) {
            p.add(leaf(i));
        }
        assertEquals(n, p.size());
        return p.root();
    }

    @Test
    void sameRootAsOneAppendPerLeafAndTheInMemoryTreeAroundEveryPageEdge() {
        int page = LeafPages.LEAVES;
        for (int n : new int[] {0, 1, 2, 3, 5, 7, 100, page - 1, page, page + 1, 2 * page - 1, 2 * page + 3, 3 * page + 511,
                5 * page, 6 * page + 1, 10_007}) {
            byte[] expected = oneByOne(n);
            assertArrayEquals(expected, paged(n), "n = " + n);
            if (n > 0) {
                byte[] all = new byte[n * TreeHash.SIZE];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(leaf(i), 0, all, i * TreeHash.SIZE, TreeHash.SIZE);
                }
                assertArrayEquals(expected, new MerkleTree(MemoryTree.build(all)).root(n), "n = " + n);
            } else {
                assertArrayEquals(TreeHash.empty(), expected);
            }
        }
    }

    /** The verifier asks for the root at the previous bundle's size in the middle of a page, then goes on. */
    @Property(tries = 60)
    void aRootAskedForMidStreamIsThatPrefixsRootAndTheEndIsUnchanged(@ForAll @IntRange(min = 1, max = 5000) int n,
                                                                    @ForAll @IntRange(min = 0, max = 5000) int at) {
        int prefix = Math.min(at, n);
        LeafPages p = new LeafPages();
        byte[] mid = null;
        for (int i = 0; i < n; i++) {
            p.add(leaf(i));
            if (p.size() == prefix) {
                mid = p.root();
            }
        }
        if (prefix > 0) {
            assertArrayEquals(oneByOne(prefix), mid, "prefix " + prefix + " of " + n);
        }
        assertArrayEquals(oneByOne(n), p.root(), "n = " + n + " after asking at " + prefix);
        assertArrayEquals(p.root(), p.root()); // asking again changes nothing
        assertEquals(n, p.size());
    }

    /** The seal's use: a resumed tree, its own page size, and every completed subtree reported as one append per leaf would. */
    @Property(tries = 60)
    void aResumedTreeFedInPagesReportsTheSameSubtreesAndRoot(@ForAll @IntRange(min = 0, max = 3000) int n,
                                                              @ForAll @IntRange(min = 0, max = 3000) int resumeAt,
                                                              @ForAll @IntRange(min = 1, max = 300) int pageLeaves) {
        int k = Math.min(resumeAt, n);
        java.util.Map<NodeId, String> expected = new java.util.HashMap<>();
        TreeBuilder one = new TreeBuilder((id, hash) -> expected.put(id, java.util.HexFormat.of().formatHex(hash)));
        for (int i = 0; i < n; i++) {
            one.append(leaf(i));
        }
        java.util.List<byte[]> edge = TreeBuilder.edgeOf(k).stream()
                .map(id -> id.level() == 0 ? leaf((int) id.index()) : java.util.HexFormat.of().parseHex(expected.get(id))).toList();
        java.util.Map<NodeId, String> got = new java.util.HashMap<>();
        LeafPages p = new LeafPages(TreeBuilder.resume(k, edge, (id, hash) -> got.put(id, java.util.HexFormat.of().formatHex(hash))),
                pageLeaves);
        for (int i = k; i < n; i++) {
            p.add(leaf(i));
        }
        p.flush();
        expected.keySet().removeIf(id -> id.endLeaf() <= k); // completed before the resume: not reported again
        assertEquals(expected, got, "n " + n + ", resumed at " + k + ", pages of " + pageLeaves);
        assertArrayEquals(one.root(), p.root());
    }

    @Test
    void aPageHoldsAtLeastOneLeaf() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new LeafPages(new TreeBuilder((id, hash) -> { }), 0));
    }
}
