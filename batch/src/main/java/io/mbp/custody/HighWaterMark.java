package io.mbp.custody;

import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.merkle.DbNodeSource;
import io.mbp.merkle.MerkleTree;
import io.mbp.merkle.NodeId;
import io.mbp.merkle.ProofVerifier;
import io.mbp.merkle.TreeBuilder;
import io.mbp.merkle.TreeHash;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jooq.DSLContext;

/**
 * The previous checkpoint as a verified high-water mark (ADR 0109): the events below it were
 * re-hashed by an earlier seal and their tree signed, so a seal that does not re-read them must
 * still show that what it builds on is that signed tree. {@link #checkEdge()} folds the stored
 * subtrees on the mark's right edge (O(log n) rows) and compares them with the signed root;
 * {@link #sample(int)} re-hashes random older events and checks each against the signed root with
 * an inclusion proof from the stored subtrees.
 */
final class HighWaterMark {
    private final DSLContext dsl;
    private final long size;
    private final byte[] root;
    private final List<byte[]> edge = new ArrayList<>();

    HighWaterMark(DSLContext dsl, long size, byte[] signedRoot) {
        this.dsl = dsl;
        this.size = size;
        this.root = signedRoot;
    }

    /** The edge's hashes, left first, once {@link #checkEdge()} passed. */
    List<byte[]> edge() {
        return edge;
    }

    /** The differing ranges (empty when the edge folds to the signed root). */
    List<String> checkEdge() {
        List<NodeId> ids = TreeBuilder.edgeOf(size);
        Map<NodeId, byte[]> stored;
        try {
            stored = new DbNodeSource(dsl).fetch(new LinkedHashSet<>(ids));
        } catch (DbNodeSource.MissingNodeException e) {
            return List.of("0.." + (size - 1) + " (" + e.getMessage() + ")");
        }
        NodeId last = ids.get(ids.size() - 1);
        if (last.level() == 0) {
            // A leaf on the edge is the stored leaf hash: re-hash its event too, as the next leaves are.
            List<Event> row = EventLog.page(dsl, last.index(), last.index() + 1);
            if (row.isEmpty() || !MessageDigest.isEqual(row.get(0).computeLeafHash(), stored.get(last))) {
                return List.of(Long.toString(last.index()));
            }
        }
        byte[] acc = stored.get(last);
        for (int i = ids.size() - 2; i >= 0; i--) {
            acc = TreeHash.node(stored.get(ids.get(i)), acc);
        }
        if (!MessageDigest.isEqual(acc, root)) {
            return List.of("0.." + (size - 1) + " (the stored subtrees on the sealed tree's edge no longer fold to its signed root)");
        }
        ids.forEach(id -> edge.add(stored.get(id)));
        return List.of();
    }

    /**
     * Re-verifies {@code count} distinct events below the mark, drawn with a {@link SecureRandom} so
     * whoever rewrote history cannot know which: each must re-hash to its stored leaf hash and that
     * leaf must prove into the signed root. Returns the seqs that failed.
     *
     * <p>Each sampled row is read by the seal's own events statement ({@link SealRows}: prepared once,
     * plain JDBC, re-hashed as the new events are); a jOOQ-built, rendered and prepared query per
     * sampled row cost the nightly more than re-hashing its 10,000 new events (docs/adr/0109).
     */
    List<String> sample(int count) {
        SecureRandom random = new SecureRandom();
        TreeSet<Long> seqs = new TreeSet<>();
        while (seqs.size() < Math.min(count, size)) {
            seqs.add(random.nextLong(size));
        }
        MerkleTree tree = new MerkleTree(new DbNodeSource(dsl));
        List<String> bad = new ArrayList<>();
        byte[][] leaf = new byte[1][];
        SealRows.with(dsl, rows -> {
            for (long seq : seqs) {
                leaf[0] = null;
                rows.events(seq, seq + 1, (s, hash, matchesStored) -> leaf[0] = matchesStored ? hash : null);
                boolean ok;
                try {
                    // A missing row or a leaf hash that does not spell the content fails before any proof.
                    ok = leaf[0] != null && ProofVerifier.verifyInclusion(leaf[0], seq, size, tree.inclusionProof(seq, size), root);
                } catch (DbNodeSource.MissingNodeException e) {
                    ok = false;
                }
                if (!ok) {
                    bad.add(seq + " (sampled)");
                }
            }
        });
        return bad;
    }
}
