package io.mbp.bench;

import io.mbp.custody.SealService;
import io.mbp.events.EventLog;
import io.mbp.merkle.MemoryTree;
import io.mbp.merkle.MerkleTree;
import io.mbp.merkle.NodeId;
import io.mbp.merkle.ProofVerifier;
import io.mbp.merkle.LeafPages;
import io.mbp.merkle.TreeBuilder;
import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Merkle tree speed against the physical limit: building the tree is n-1 SHA-256 digests of
 * 65 bytes (0x01 ‖ left ‖ right), so the baseline is exactly that many raw MessageDigest calls on
 * 65-byte inputs, measured in the same run. Single thread, as seal runs.
 */
public final class MerkleBench {
    public record Result(String name, long count, double seconds, double perSecond, String note) {
    }

    private byte[] leaves;
    private MemoryTree tree;
    private long sink;

    /** n synthetic leaf hashes (the log stores leaf hashes; hashing events is EventLogBench's job). */
    public void prepare(long n) {
        leaves = new byte[Math.toIntExact(n * 32)];
        new SplittableRandom(42).nextBytes(leaves);
        tree = null;
    }

    public Result rawSha256(long digests) throws DigestException {
        MessageDigest md = sha();
        byte[] in = new byte[65];
        byte[] out = new byte[32];
        long t0 = System.nanoTime();
        for (long i = 0; i < digests; i++) {
            in[1] = (byte) i;
            in[2] = out[0];
            md.update(in, 0, 65);
            md.digest(out, 0, 32);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        sink += out[0];
        return new Result("raw SHA-256 of 65-byte inputs (MessageDigest)", digests, s, digests / s, "the physical limit");
    }

    public Result buildMemoryTree() {
        long n = leaves.length / 32;
        long t0 = System.nanoTime();
        tree = MemoryTree.build(leaves);
        double s = (System.nanoTime() - t0) / 1e9;
        return new Result("build tree, all levels in memory (leaves/s)", n, s, n / s, (n - 1) + " node hashes");
    }

    public Result streamingBuild() {
        long n = leaves.length / 32;
        long[] nodes = {0};
        TreeBuilder b = new TreeBuilder((id, h) -> nodes[0]++);
        long t0 = System.nanoTime();
        // As the seal's scan: each leaf copied into a page, each page joined to the tree in one run.
        LeafPages pages = new LeafPages(b, SealService.PAGE);
        for (long i = 0; i < n; i++) {
            pages.add(leaves, (int) (i * 32));
        }
        byte[] root = pages.root();
        double s = (System.nanoTime() - t0) / 1e9;
        sink += root[0] + nodes[0];
        return new Result("build tree, streaming compact range as seal does (leaves/s)", n, s, n / s, "");
    }

    public Result inclusionProofs(long count) {
        long n = tree.size();
        MerkleTree m = new MerkleTree(tree);
        SplittableRandom r = new SplittableRandom(7);
        long t0 = System.nanoTime();
        for (long i = 0; i < count; i++) {
            List<byte[]> p = m.inclusionProof(r.nextLong(n), n);
            sink += p.size();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        return new Result("inclusion proof generation, " + n + "-leaf tree", count, s, count / s, "random leaves");
    }

    public Result inclusionVerifications(long count) {
        long n = tree.size();
        MerkleTree m = new MerkleTree(tree);
        byte[] root = m.root(n);
        SplittableRandom r = new SplittableRandom(11);
        int distinct = 1000;
        long[] idx = new long[distinct];
        @SuppressWarnings("unchecked")
        List<byte[]>[] proofs = new List[distinct];
        byte[][] leafs = new byte[distinct][];
        for (int i = 0; i < distinct; i++) {
            idx[i] = r.nextLong(n);
            proofs[i] = m.inclusionProof(idx[i], n);
            leafs[i] = tree.node(new NodeId(0, idx[i]));
        }
        long t0 = System.nanoTime();
        long ok = 0;
        for (long i = 0; i < count; i++) {
            int k = (int) (i % distinct);
            if (ProofVerifier.verifyInclusion(leafs[k], idx[k], n, proofs[k], root)) {
                ok++;
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (ok != count) {
            throw new IllegalStateException("a proof failed to verify");
        }
        return new Result("inclusion proof verification, " + n + "-leaf tree", count, s, count / s, "");
    }

    /**
     * The live path on a database: append {@code n} events, seal them (re-hash all, store the
     * subtrees, sign), then build inclusion proofs from the stored nodes, each one read transaction.
     */
    public List<Result> database(String url, long n, long proofs) {
        java.util.List<Result> out = new java.util.ArrayList<>();
        EventLogBench events = new EventLogBench();
        out.add(toResult(events.append(url, n, 10_000, done -> { })));
        try (io.mbp.sql.Database db = io.mbp.sql.Database.openMigrated(url)) {
            io.mbp.custody.NoteSigner signer = new io.mbp.custody.NoteSigner("bench.example/log", new byte[32]);
            long t0 = System.nanoTime();
            io.mbp.custody.SealService.Result sealed = new io.mbp.custody.SealService(db, java.time.Clock.systemUTC()).seal(signer);
            double s = (System.nanoTime() - t0) / 1e9;
            out.add(new Result("seal: re-hash, store subtrees, sign (" + db.engine() + ")", n, s, n / s, "first seal"));
            long size = sealed.checkpoint().treeSize();
            // The nightly's case: a day of new events on a long log, sealed against the high-water mark.
            // Its cost is the new events plus a part that does not grow with them (edge, 256 sampled
            // events and their proofs, sign, commit): the first nightly in this JVM runs that part cold,
            // as cron's one nightly per JVM does; a second shows it warm, and one of a single new event
            // shows the fixed part alone (ADR 0109: not O(log size)).
            long day = Math.max(1, n / 20);
            out.add(nightly(db, signer, events, n, day, "seal, nightly: ", "first in this JVM (sample path cold); "));
            out.add(nightly(db, signer, events, n + day, day, "seal, nightly again, warm: ", ""));
            out.add(nightly(db, signer, events, n + 2 * day, 1, "seal, nightly's fixed cost: ",
                    "edge, sample, sign and commit: what a nightly costs beyond its new events; "));
            long t3 = System.nanoTime();
            new EventLog(db).append(events.samples(n + 2 * day + 1, 1));
            SealService.Result full = new SealService(db, java.time.Clock.systemUTC()).seal(signer, SealService.Audit.FULL);
            double s4 = (System.nanoTime() - t3) / 1e9;
            out.add(new Result("seal, full audit of the same log (" + db.engine() + ")", full.eventsRehashed(), s4,
                    full.eventsRehashed() / s4, "every 7th checkpoint, or --full-audit"));
            // Its other limit, same run: reading the seal's columns of every event and nothing else.
            bareSelect(db, full.eventsRehashed());
            Result select = bareSelect(db, full.eventsRehashed());
            out.add(new Result(select.name(), select.count(), select.seconds(), select.perSecond(),
                    String.format("full audit / bare select: %.2f", (full.eventsRehashed() / s4) / select.perSecond())));
            // Its ceiling in the same run: canonicalize + leaf hash of as many events, in memory (no database).
            events.canonicalizeAndHash(full.eventsRehashed());
            EventLogBench.Result hashed = events.canonicalizeAndHash(full.eventsRehashed());
            out.add(new Result("canonicalize + leaf hash of as many events in memory (seal's ceiling)", hashed.events(),
                    hashed.seconds(), hashed.perSecond(), String.format("full audit / in-memory: %.2f",
                            (full.eventsRehashed() / s4) / hashed.perSecond())));
            // Untimed warm-up first: the JIT and the per-connection statement cache (ADR 0111).
            dbProofs(db, size, Math.max(100, proofs / 5), new SplittableRandom(5));
            long t1 = System.nanoTime();
            dbProofs(db, size, proofs, new SplittableRandom(3));
            double s2 = (System.nanoTime() - t1) / 1e9;
            // The rival in the same run: the same proofs over the same leaves, tree in memory.
            MemoryTree mem = MemoryTree.build(db.read(dsl -> leafHashes(dsl, size)));
            MerkleTree m = new MerkleTree(mem);
            SplittableRandom r = new SplittableRandom(3);
            long t4 = System.nanoTime();
            for (long i = 0; i < proofs; i++) {
                sink += m.inclusionProof(r.nextLong(size), size).size();
            }
            double s5 = (System.nanoTime() - t4) / 1e9;
            // Before ADR 0117, same run: every node from the database (what seal and audits still use).
            SplittableRandom u = new SplittableRandom(3);
            long t6 = System.nanoTime();
            for (long i = 0; i < proofs; i++) {
                long seq = u.nextLong(size);
                sink += db.read(dsl -> new MerkleTree(new io.mbp.merkle.DbNodeSource(dsl)).inclusionProof(seq, size)).size();
            }
            double s6 = (System.nanoTime() - t6) / 1e9;
            out.add(new Result("inclusion proof from the database, " + size + "-event log (" + db.engine() + ")", proofs, s2,
                    proofs / s2, String.format("one read transaction each, upper subtrees cached (ADR 0117); %.2f x in-memory", s5 / s2)));
            out.add(new Result("inclusion proof, same leaves, tree in memory (rival)", proofs, s5, proofs / s5, "same seqs"));
            out.add(new Result("inclusion proof from the database, every node read (before ADR 0117)", proofs, s6, proofs / s6,
                    String.format("same seqs; cached upper subtrees are %.2f x this", s6 / s2)));
        }
        return out;
    }

    /**
     * Appends {@code count} events (generated from {@code from}) and times one nightly seal of them, named
     * by the log it extends (the previous checkpoint's size); the row's count is what the seal re-hashed.
     */
    private static Result nightly(io.mbp.sql.Database db, io.mbp.custody.NoteSigner signer, EventLogBench events,
                                  long from, long count, String name, String note) {
        new EventLog(db).append(events.samples(from, count));
        long t0 = System.nanoTime();
        SealService.Result r = new SealService(db, java.time.Clock.systemUTC()).seal(signer, SealService.Audit.NIGHTLY);
        double s = (System.nanoTime() - t0) / 1e9;
        String what = r.fullAudit() ? "a full audit (the log is not longer than the sample)"
                : count > 1 ? String.format("new events + %d sampled re-hashed; %,.0f new events/s", r.sampled(), count / s)
                : String.format("1 new event + %d sampled re-hashed; %.1f ms", r.sampled(), s * 1e3);
        return new Result(name + (count == 1 ? "1 new event" : count + " new events") + " on a log of "
                + r.checkpoint().previousSize() + " (" + db.engine() + ")", r.eventsRehashed(), s, r.eventsRehashed() / s, note + what);
    }

    /**
     * The full audit's read alone: the same columns of events {@code 0..n-1} and their stored subtrees,
     * in the seal's pages, read as the seal reads them (stored UTF-8 bytes on SQLite, strings
     * elsewhere), no hashing. The database cannot hand the seal its rows faster than this.
     */
    private Result bareSelect(io.mbp.sql.Database db, long n) {
        boolean bytes = db.engine() == io.mbp.sql.Engine.SQLITE;
        long t0 = System.nanoTime();
        long touched = db.read(dsl -> {
            String sql = org.jooq.impl.DSL.using(dsl.dialect(), org.jooq.conf.SettingsTools.clone(dsl.settings())
                    .withParamCastMode(org.jooq.conf.ParamCastMode.NEVER)).render(EventLog.sealPage(dsl, 0L, 0L));
            return dsl.connectionResult(c -> {
                long sum = 0;
                try (java.sql.PreparedStatement ps = c.prepareStatement(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY,
                        java.sql.ResultSet.CONCUR_READ_ONLY);
                     java.sql.PreparedStatement nodes = c.prepareStatement(
                             "SELECT lvl, idx, hash FROM merkle_nodes WHERE first_seq >= ? AND first_seq < ?")) {
                    ps.setFetchSize(10_000);
                    nodes.setFetchSize(10_000);
                    for (long from = 0; from < n; from += SealService.PAGE) {
                        // The stored subtrees of the page, as the full audit reads them to compare.
                        nodes.setLong(1, from);
                        nodes.setLong(2, Math.min(n, from + SealService.PAGE));
                        try (java.sql.ResultSet rs = nodes.executeQuery()) {
                            while (rs.next()) {
                                sum += rs.getInt(1) + rs.getLong(2) + (bytes ? rs.getBytes(3).length : rs.getString(3).length());
                            }
                        }
                        ps.setLong(1, from);
                        ps.setLong(2, Math.min(n, from + SealService.PAGE));
                        try (java.sql.ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                sum += rs.getLong(1);
                                for (int col = 2; col <= 6; col++) {
                                    sum += bytes ? rs.getBytes(col).length : rs.getString(col).length();
                                }
                            }
                        }
                    }
                }
                return sum;
            });
        });
        double s = (System.nanoTime() - t0) / 1e9;
        sink += touched;
        return new Result("bare SELECT of the full audit's rows (events + subtrees), same pages, no hashing (" + db.engine() + ")", n, s, n / s,
                "the seal's read limit");
    }

    private void dbProofs(io.mbp.sql.Database db, long size, long proofs, SplittableRandom r) {
        for (long i = 0; i < proofs; i++) {
            long seq = r.nextLong(size);
            sink += db.read(dsl -> new MerkleTree(io.mbp.merkle.DbNodeSource.forProofs(dsl)).inclusionProof(seq, size)).size();
        }
    }

    private static byte[] leafHashes(org.jooq.DSLContext dsl, long size) {
        byte[] out = new byte[Math.toIntExact(size * 32)];
        int[] at = {0};
        for (long from = 0; from < size; from += EventLog.PAGE) {
            for (io.mbp.events.Event e : EventLog.page(dsl, from, Math.min(size, from + EventLog.PAGE))) {
                System.arraycopy(e.leafHash(), 0, out, at[0], 32);
                at[0] += 32;
            }
        }
        return out;
    }

    private static Result toResult(EventLogBench.Result r) {
        return new Result(r.name(), r.events(), r.seconds(), r.perSecond(), "");
    }

    public long sink() {
        return sink;
    }

    static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }
}
