package io.mbp.custody;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import io.mbp.error.BadInputException;
import io.mbp.error.VerificationFailedException;
import io.mbp.events.EventLog;
import io.mbp.events.HeadCount;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.merkle.Checkpoint;
import io.mbp.merkle.DbNodeSource;
import io.mbp.merkle.LeafPages;
import io.mbp.merkle.MerkleTree;
import io.mbp.merkle.NodeId;
import io.mbp.merkle.ProofVerifier;
import io.mbp.merkle.TreeBuilder;
import io.mbp.merkle.TreeHash;
import io.mbp.sql.Database;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jooq.DSLContext;

/**
 * Seals the log: re-hashes the events from their content, checks the result against the stored
 * leaf hashes, the stored subtree hashes and the previous checkpoint's root, and only then stores
 * the new subtrees, proves and verifies consistency with the previous checkpoint, signs the new
 * checkpoint and logs {@link CheckpointSealed}, all in one transaction.
 *
 * <p>How much history it re-hashes is the {@link Audit} (ADR 0109): a full audit re-hashes every
 * event (ADR 0101); the nightly default keeps the previous checkpoint as a verified high-water mark,
 * re-hashes only the events after it, checks that the stored subtrees on the mark's right edge fold
 * to the signed root, and re-verifies a random sample of older events with inclusion proofs.
 */
public final class SealService {
    private static final Logger LOG = LogManager.getLogger(SealService.class);
    /** Events per read page; a power of two so a page is whole subtrees, within one JDBC fetch. */
    public static final int PAGE = 8192;
    private static final HexFormat HEX = HexFormat.of();

    private final Database db;
    private final Clock clock;

    public SealService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * How much of the history below the previous checkpoint a seal re-verifies. {@code full}: every
     * event (also whenever the new checkpoint's id is a multiple of {@code fullEvery}, and for the
     * first checkpoint); otherwise the events after the mark plus {@code samples} random older ones.
     */
    public record Audit(boolean full, int samples, int fullEvery) {
        /** The nightly's: 256 sampled events, and every 7th checkpoint a full audit. */
        public static final Audit NIGHTLY = new Audit(false, 256, 7);
        /** Re-hash everything (`mbp custody seal --full-audit`). */
        public static final Audit FULL = new Audit(true, 0, 0);
    }

    /** What seal did: the new checkpoint (or the latest one if nothing was new) and its predecessor. */
    public record Result(StoredCheckpoint checkpoint, Optional<StoredCheckpoint> previous, boolean created,
                         long eventsRehashed, boolean fullAudit, int sampled) {
    }

    public Result seal(NoteSigner signer) {
        return seal(signer, Audit.NIGHTLY);
    }

    public Result seal(NoteSigner signer, Audit audit) {
        Result r = db.inTransaction(dsl -> sealIn(dsl, signer, audit));
        StoredCheckpoint cp = r.checkpoint();
        if (r.created()) {
            LOG.info("sealed checkpoint #{}: size {}, root {}, key {} ({}), {} events re-hashed ({}), previous size {}",
                    cp.id(), cp.treeSize(), cp.rootHex(), cp.keyName(), cp.keyId(), r.eventsRehashed(),
                    r.fullAudit() ? "full audit" : "after the mark, " + r.sampled() + " older sampled", cp.previousSize());
        } else {
            LOG.info("nothing new to seal: checkpoint #{} (size {}, root {}) already covers the log", cp.id(),
                    cp.treeSize(), cp.rootHex());
        }
        return r;
    }

    private Result sealIn(DSLContext dsl, NoteSigner signer, Audit audit) {
        // Before anything is written: H2 counts the events for the append's head check cheaply only
        // then; read at the append, after the subtrees, it walked the whole log (HeadCount).
        HeadCount head = EventLog.headCount(dsl);
        EventLog.lockWritersOnSqlite(dsl); // the seal reads, then stores subtrees and the checkpoint
        Optional<StoredCheckpoint> prev = CheckpointStore.latest(dsl);
        long size = EventLog.size(dsl);
        if (size == 0) {
            throw new BadInputException("the event log is empty: there is nothing to seal");
        }
        long prevSize = prev.map(StoredCheckpoint::treeSize).orElse(0L);
        if (prev.isPresent() && size < prevSize) {
            throw new VerificationFailedException("the log holds " + size + " events but checkpoint #" + prev.get().id()
                    + " sealed " + prevSize + ": events " + size + ".." + (prevSize - 1)
                    + " were removed outside mbp; do not seal, investigate");
        }
        if (prev.isPresent() && size == prevSize) {
            audit = Audit.FULL; // nothing new: re-verify the history, as before (the nightly skips this case)
        }
        boolean full = prev.isEmpty() || audit.full() || audit.samples() >= prevSize
                || audit.fullEvery() > 0 && CheckpointStore.nextId(dsl) % audit.fullEvery() == 0;
        Scan scan;
        List<String> differences;
        int sampled = 0;
        if (full) {
            scan = new Scan(dsl, prevSize);
            scan.run(0, size);
            differences = scan.differences();
            if (prev.isPresent() && differences.isEmpty()
                    && !MessageDigest.isEqual(scan.prefixRoot, HEX.parseHex(prev.get().rootHex()))) {
                differences.add("0.." + (prevSize - 1) + " (the stored subtree hashes were rewritten too)");
            }
        } else {
            byte[] prevRoot = HEX.parseHex(prev.get().rootHex());
            HighWaterMark mark = new HighWaterMark(dsl, prevSize, prevRoot);
            differences = new ArrayList<>(mark.checkEdge());
            scan = new Scan(dsl, prevSize);
            if (differences.isEmpty()) {
                scan.resume(mark.edge());
                scan.run(prevSize, size);
                differences.addAll(scan.differences());
                differences.addAll(mark.sample(audit.samples()));
                sampled = Math.min(audit.samples(), (int) Math.min(Integer.MAX_VALUE, prevSize));
            }
        }
        if (!differences.isEmpty()) {
            String against = prev.map(p -> "checkpoint #" + p.id() + " (size " + p.treeSize() + ")").orElse("their stored leaf hashes");
            throw new VerificationFailedException("the stored log no longer matches " + against + ": events "
                    + String.join(", ", differences) + " differ; an event was altered or removed outside mbp."
                    + " Nothing was sealed; investigate with `mbp events export --from N --to M`");
        }
        if (prev.isPresent() && size == prevSize) {
            return new Result(prev.get(), prev, false, size, true, 0);
        }

        MerkleTree tree = new MerkleTree(new DbNodeSource(dsl));
        byte[] root = scan.leaves.root();
        if (!MessageDigest.isEqual(root, tree.root(size))) {
            throw new VerificationFailedException("the stored subtree hashes do not reproduce the root of " + size
                    + " events: the merkle_nodes table was altered; investigate");
        }
        List<byte[]> proof = tree.consistencyProof(prevSize, size);
        byte[] prevRoot = prev.map(p -> HEX.parseHex(p.rootHex())).orElse(TreeHash.empty());
        if (!ProofVerifier.verifyConsistency(prevSize, size, prevRoot, root, proof)) {
            throw new VerificationFailedException("the new tree of " + size + " events is not consistent with checkpoint "
                    + prev.map(p -> "#" + p.id()).orElse("(none)") + " of " + prevSize + " events; nothing was sealed");
        }
        Checkpoint cp = new Checkpoint(signer.name(), size, root);
        String note = SignedNote.sign(cp.body(), signer).encode();
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        long id = CheckpointStore.nextId(dsl);
        StoredCheckpoint stored = new StoredCheckpoint(id, size, cp.rootHex(), cp.origin(), signer.name(),
                signer.verifier().keyIdHex(), note, prevSize, proof.stream().map(HEX::formatHex).toList(),
                Timestamps.format(now));
        CheckpointStore.insert(dsl, stored);
        EventLog.appendIn(dsl, List.of(NewEvent.of(CustodyEvents.TYPES, CustodyEvent.STREAM, now,
                new CheckpointSealed(id, size, cp.rootHex(), stored.keyId(), prevSize, stored.createdAt()))).iterator(), head);
        return new Result(stored, prev, true, full ? size : size - prevSize + sampled, full, sampled);
    }

    /** One pass over the events: re-hash, compare, and collect the subtrees to store. */
    private static final class Scan implements TreeBuilder.Listener {
        final DSLContext dsl;
        final long storedUpTo;
        /** Leaf hashes on their way into the tree, a page at a time (TreeBuilder.appendAll, ADR 0141). */
        LeafPages leaves;
        /** A stored subtree column that is not 64 hex digits: matches no hash. */
        static final byte[] NOT_A_HASH = new byte[0];
        final Map<NodeId, byte[]> storedNodes = new HashMap<>();
        final TreeSet<Long> badLeaves = new TreeSet<>();
        final List<NodeId> badNodes = new ArrayList<>();
        /** The open statements while {@link #run} runs. */
        SealRows rows;
        long expected;
        byte[] prefixRoot = TreeHash.empty();

        Scan(DSLContext dsl, long storedUpTo) {
            this.dsl = dsl;
            this.storedUpTo = storedUpTo;
            this.leaves = new LeafPages(new TreeBuilder(this), PAGE);
        }

        /** Continues from the verified compact range of the first {@code storedUpTo} leaves. */
        void resume(List<byte[]> edge) {
            leaves = new LeafPages(TreeBuilder.resume(storedUpTo, edge, this), PAGE);
            prefixRoot = leaves.root();
        }

        /**
         * Re-hashes events {@code start..size-1} in pages of {@link #PAGE} read by plain JDBC ({@link SealRows}, as ADR 0112),
         * checks them and the stored subtrees below the mark, and stores the new subtrees.
         */
        void run(long start, long size) {
            SealRows.with(dsl, rows -> {
                this.rows = rows;
                try {
                    for (long from = start; from < size; from += PAGE) {
                        page(rows, from, Math.min(size, from + PAGE));
                    }
                    rows.flush();
                } finally {
                    this.rows = null;
                }
            });
        }

        private void page(SealRows rows, long from, long to) throws java.sql.SQLException {
            if (from < storedUpTo) {
                rows.nodes(from, to, (lvl, idx, hash) -> storedNodes.put(new NodeId(lvl, idx), hash == null ? NOT_A_HASH : hash));
            }
            // The page comes back in seq order: walk it beside the expected seqs, a gap is a missing event.
            expected = from;
            rows.events(from, to, (seq, leaf, matchesStored) -> {
                if (seq < expected || seq >= to) {
                    return; // cannot happen with seq the primary key; never let it shift the tree
                }
                gap(seq);
                if (!matchesStored) {
                    badLeaves.add(seq);
                }
                append(leaf);
            });
            gap(to);
            leaves.flush(); // every subtree of the page is stored (or compared) while its statements are open
        }

        /** Every seq from the one expected up to {@code seq} is missing. */
        private void gap(long seq) {
            for (; expected < seq; ) {
                badLeaves.add(expected);
                // A placeholder keeps later subtrees aligned; the seal is refused anyway.
                append(TreeHash.empty());
            }
        }

        private void append(byte[] leaf) {
            leaves.add(leaf);
            expected++;
            if (expected == storedUpTo) {
                prefixRoot = leaves.root(); // the root at the mark is compared with the previous checkpoint's
            }
        }

        @Override
        public void completed(NodeId id, byte[] hash) {
            if (id.endLeaf() <= storedUpTo) {
                byte[] stored = storedNodes.remove(id);
                if (stored == null || !MessageDigest.isEqual(stored, hash)) {
                    badNodes.add(id);
                }
                return;
            }
            try {
                rows.insert(id.level(), id.index(), id.firstLeaf(), hash);
            } catch (java.sql.SQLException e) {
                throw new org.jooq.exception.DataAccessException("storing subtree " + id + " failed: " + e.getMessage(), e);
            }
        }

        /** The smallest differing ranges: bad leaves, else the lowest bad subtrees not covering a bad leaf. */
        List<String> differences() {
            List<String> out = new ArrayList<>();
            Long start = null;
            Long last = null;
            for (long s : badLeaves) {
                if (last != null && s == last + 1) {
                    last = s;
                    continue;
                }
                if (start != null) {
                    out.add(range(start, last));
                }
                start = s;
                last = s;
            }
            if (start != null) {
                out.add(range(start, last));
            }
            if (out.isEmpty()) {
                int lowest = badNodes.stream().mapToInt(NodeId::level).min().orElse(-1);
                for (NodeId n : badNodes) {
                    if (n.level() == lowest) {
                        out.add(range(n.firstLeaf(), n.endLeaf() - 1));
                    }
                }
            }
            if (out.size() > 8) {
                int more = out.size() - 8;
                out = new ArrayList<>(out.subList(0, 8));
                out.add("and " + more + " more ranges");
            }
            return out;
        }

        private static String range(long a, long b) {
            return a == b ? Long.toString(a) : a + ".." + b;
        }
    }
}
