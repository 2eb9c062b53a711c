package io.mbp.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MerklePropertiesTest {

    static MemoryTree tree(int n) {
        ByteBuffer b = ByteBuffer.allocate(n * 32);
        for (int i = 0; i < n; i++) {
            b.put(TreeHash.leaf(ByteBuffer.allocate(8).putLong(i * 7919L).array()));
        }
        return MemoryTree.build(b.array());
    }

    /** The naive RFC 9162 §2.1.1 definition, to check the stored-node shortcuts against. */
    static byte[] mth(MemoryTree t, long start, long end) {
        long n = end - start;
        if (n == 1) {
            return t.node(new NodeId(0, start));
        }
        long k = Long.highestOneBit(n - 1);
        return TreeHash.node(mth(t, start, start + k), mth(t, start + k, end));
    }

    @Property(tries = 200)
    void inclusionProofsVerifyAndTamperingFails(@ForAll @IntRange(min = 1, max = 300) int size,
                                                @ForAll @IntRange(min = 0, max = 299) int rawIndex) {
        int index = rawIndex % size;
        MemoryTree t = tree(size);
        MerkleTree m = new MerkleTree(t);
        byte[] root = m.root(size);
        assertArrayEquals(mth(t, 0, size), root);
        byte[] leaf = t.node(new NodeId(0, index));
        List<byte[]> proof = m.inclusionProof(index, size);
        assertEquals(ProofVerifier.inclusionLength(index, size), proof.size());
        assertTrue(ProofVerifier.verifyInclusion(leaf, index, size, proof, root));
        if (!proof.isEmpty()) {
            List<byte[]> truncated = proof.subList(0, proof.size() - 1);
            assertFalse(ProofVerifier.verifyInclusion(leaf, index, size, truncated, root), "truncated");
            List<byte[]> flipped = new ArrayList<>(proof);
            byte[] f = flipped.get(0).clone();
            f[0] ^= 1;
            flipped.set(0, f);
            assertFalse(ProofVerifier.verifyInclusion(leaf, index, size, flipped, root), "flipped");
        }
        List<byte[]> extra = new ArrayList<>(proof);
        extra.add(new byte[32]);
        assertFalse(ProofVerifier.verifyInclusion(leaf, index, size, extra, root), "extra hash");
        // (A different size may legitimately verify: leaf 0 of 3 and of 4 share a path. The
        // signed checkpoint, not the proof, binds the size.)
    }

    @Property(tries = 200)
    void consistencyProofsVerifyAndWrongRootsFail(@ForAll @IntRange(min = 1, max = 300) int second,
                                                  @ForAll @IntRange(min = 0, max = 300) int rawFirst) {
        int first = rawFirst % (second + 1);
        MemoryTree t = tree(second);
        MerkleTree m = new MerkleTree(t);
        byte[] r1 = m.root(first);
        byte[] r2 = m.root(second);
        List<byte[]> proof = m.consistencyProof(first, second);
        assertTrue(ProofVerifier.verifyConsistency(first, second, r1, r2, proof));
        if (first > 0 && first < second) {
            byte[] bad = r1.clone();
            bad[5] ^= 1;
            assertFalse(ProofVerifier.verifyConsistency(first, second, bad, r2, proof));
            assertFalse(ProofVerifier.verifyConsistency(first, second, r1, r2, proof.subList(0, proof.size() - 1)));
        }
    }

    @Property(tries = 50)
    void builderRootEqualsStoredRootAtEverySize(@ForAll @IntRange(min = 1, max = 200) int size) {
        MemoryTree t = tree(size);
        MerkleTree m = new MerkleTree(t);
        List<NodeId> seen = new ArrayList<>();
        TreeBuilder b = new TreeBuilder((id, h) -> {
            assertArrayEquals(t.node(id), h);
            seen.add(id);
        });
        for (int i = 0; i < size; i++) {
            b.append(t.node(new NodeId(0, i)));
            assertArrayEquals(m.root(i + 1), b.root());
        }
        assertEquals(size - Long.bitCount(size), seen.size());
    }

    /**
     * The seal's fast path (ADR 0141): leaves joined in runs of arbitrary lengths, from an empty or a
     * resumed builder, give the in-memory tree's root after every run and report exactly its interior
     * nodes, each with its hash, as appending leaf by leaf does.
     */
    @Property(tries = 120)
    void appendingRunsEqualsAppendingLeaves(@ForAll @IntRange(min = 1, max = 9000) int size,
                                            @ForAll @IntRange(min = 1, max = 9000) int run,
                                            @ForAll @IntRange(min = 0, max = 9000) int rawMark) {
        checkRuns(size, run, rawMark);
    }

    /** Whole seal pages (runs of 2^13, the largest the builder hashes level by level) from empty and resumed trees. */
    @Example
    void appendingWholeSealPagesEqualsAppendingLeaves() {
        checkRuns(2 * 8192 + 3, 8192, 0);
        checkRuns(3 * 8192, 8192, 8192);
        checkRuns(3 * 8192 + 1, 20_000, 0);
        checkRuns(2 * 8192 + 5, 8192, 8191);
    }

    private static void checkRuns(int size, int run, int rawMark) {
        MemoryTree t = tree(size);
        byte[] leaves = new byte[size * 32];
        for (int i = 0; i < size; i++) {
            System.arraycopy(t.node(new NodeId(0, i)), 0, leaves, i * 32, 32);
        }
        int mark = rawMark % size;
        Map<NodeId, String> bySingles = new HashMap<>();
        Map<NodeId, String> byRuns = new HashMap<>();
        TreeBuilder.Listener record = (id, h) -> {
            assertArrayEquals(t.node(id), h, "node " + id);
            assertEquals(null, byRuns.put(id, HexFormat.of().formatHex(h)), "reported twice: " + id);
        };
        TreeBuilder runs = TreeBuilder.resume(mark, TreeBuilder.edgeOf(mark).stream().map(t::node).toList(), record);
        TreeBuilder singles = TreeBuilder.resume(mark, TreeBuilder.edgeOf(mark).stream().map(t::node).toList(),
                (id, h) -> bySingles.put(id, HexFormat.of().formatHex(h)));
        for (int i = mark; i < size; i++) {
            singles.append(t.node(new NodeId(0, i)));
        }
        MerkleTree m = new MerkleTree(t);
        for (int at = mark; at < size; at += run) {
            int count = Math.min(run, size - at);
            runs.appendAll(leaves, at * 32, count);
            assertEquals(at + count, runs.size());
            assertArrayEquals(m.root(at + count), runs.root(), "root after " + (at + count) + " leaves");
        }
        assertEquals(bySingles, byRuns);
    }
}
