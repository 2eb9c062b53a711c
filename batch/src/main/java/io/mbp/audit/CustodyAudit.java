package io.mbp.audit;

import io.mbp.anchor.AnchorPayload;
import io.mbp.anchor.AnchorStore;
import io.mbp.anchor.Chain;
import io.mbp.anchor.StoredAnchor;
import io.mbp.custody.CheckpointStore;
import io.mbp.custody.CustodyEvents;
import io.mbp.custody.KeyCreated;
import io.mbp.custody.KeyRetired;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.custody.SignedNote;
import io.mbp.custody.StoredCheckpoint;
import io.mbp.error.BadInputException;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.merkle.DbNodeSource;
import io.mbp.merkle.MerkleTree;
import io.mbp.merkle.ProofVerifier;
import io.mbp.merkle.TreeHash;
import io.mbp.sql.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The custody audit of roadmap §3.2 ({@code mbp audit custody}, ADR 0026): a seeded sample of events
 * and checkpoints, each inclusion and consistency proof verified against the latest checkpoint, every
 * anchor cross-checked on chain, the key inventory and rotations held to the 90-day policy. Reads the
 * log, checkpoints and anchors; writes nothing. Every problem is a finding; clean means none.
 */
public final class CustodyAudit {
    static final Duration MAX_KEY_AGE = Duration.ofDays(90);

    /** One item checked: what, whether it held, and the numbers that show it. */
    public record Item(String kind, String id, boolean ok, String detail) {
    }

    /** A key: operator keys from the log, chain accounts from the anchors. */
    public record Key(String kind, String id, String name, String since, String until, long days, boolean withinPolicy) {
    }

    public record Result(long seed, int sample, String algorithm, long checkpointId, long treeSize, String root,
                         List<Item> events, List<Item> checkpoints, List<Item> anchors, List<Key> keys, List<String> findings,
                         boolean chainChecked, String auditedAt) {
        public boolean clean() {
            return findings.isEmpty();
        }
    }

    private final Database db;

    public CustodyAudit(Database db) {
        this.db = db;
    }

    /** {@code chain} null: anchors are listed but not checked, which is a finding. */
    public Result run(int sample, long seed, Supplier<Chain> chain, Instant now) {
        if (sample < 1) {
            throw new BadInputException("--sample " + sample + ": at least 1");
        }
        StoredCheckpoint latest = db.read(CheckpointStore::latest)
                .orElseThrow(() -> new BadInputException("no checkpoint yet: an audit needs `mbp seal` first"));
        long size = latest.treeSize();
        byte[] root = TreeHash.parseHex(latest.rootHex());
        List<String> findings = new ArrayList<>();
        Map<String, NoteVerifierKey> verifiers = new LinkedHashMap<>();
        List<Key> keys = operatorKeys(now, verifiers);

        List<Item> events = new ArrayList<>();
        for (long seq : AuditSample.draw("events", seed, sample, size)) {
            Event e = new EventLog(db).get(seq);
            boolean leaf = Arrays.equals(e.computeLeafHash(), e.leafHash());
            List<byte[]> proof = db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).inclusionProof(seq, size));
            boolean included = ProofVerifier.verifyInclusion(e.leafHash(), seq, size, proof, root);
            events.add(item("event", Long.toString(seq), leaf && included, (leaf ? "leaf hash recomputed" : "LEAF HASH DIFFERS")
                    + ", inclusion proof of " + proof.size() + " hashes in tree " + size + (included ? " verifies" : " FAILS"), findings));
        }

        List<StoredCheckpoint> all = db.read(CheckpointStore::all);
        List<Item> checkpoints = new ArrayList<>();
        for (long i : AuditSample.draw("checkpoints", seed, sample, all.size())) {
            StoredCheckpoint c = all.get((int) i);
            NoteVerifierKey key = verifiers.get(c.keyId());
            String sig = key == null ? "NO KEY " + c.keyId() + " IN THE LOG" : signature(c, key);
            List<byte[]> proof = db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).consistencyProof(c.treeSize(), size));
            boolean consistent = c.treeSize() == size ? Arrays.equals(TreeHash.parseHex(c.rootHex()), root)
                    : ProofVerifier.verifyConsistency(c.treeSize(), size, TreeHash.parseHex(c.rootHex()), root, proof);
            checkpoints.add(item("checkpoint", "#" + c.id(), sig.equals("signature verifies") && consistent, sig + "; consistent with #"
                    + latest.id() + " (" + c.treeSize() + " -> " + size + ", " + proof.size() + " hashes): " + (consistent ? "yes" : "NO"),
                    findings));
        }

        List<StoredAnchor> anchors = db.read(AnchorStore::all);
        List<Item> anchorItems = new ArrayList<>();
        if (chain == null) {
            if (!anchors.isEmpty()) {
                findings.add("anchors: " + anchors.size() + " not cross-checked on chain (no --rpc)");
            }
        } else if (!anchors.isEmpty()) {
            try (Chain ch = chain.get()) {
                for (StoredAnchor a : anchors) {
                    anchorItems.add(anchor(ch, a, all, findings));
                }
            }
        }
        if (anchors.isEmpty()) {
            findings.add("anchors: none recorded; the log has never been anchored (`mbp anchor publish`)");
        }
        keys = new ArrayList<>(keys);
        keys.addAll(chainKeys(anchors, now));
        for (Key k : keys) {
            if (!k.withinPolicy()) {
                findings.add(k.kind() + " key " + k.id() + ": in use " + k.days() + " days, over the 90-day policy");
            }
        }
        return new Result(seed, sample, AuditSample.ALGORITHM, latest.id(), size, latest.rootHex(), events, checkpoints, anchorItems,
                keys, findings, chain != null, now.toString());
    }

    private static String signature(StoredCheckpoint c, NoteVerifierKey key) {
        try {
            SignedNote.Verification v = SignedNote.parse(c.note()).verify(key);
            return v.ok() ? "signature verifies" : "SIGNATURE FAILS: " + v.detail();
        } catch (IllegalArgumentException e) {
            return "NOTE UNREADABLE: " + e.getMessage();
        }
    }

    private static Item anchor(Chain ch, StoredAnchor a, List<StoredCheckpoint> all, List<String> findings) {
        String id = "#" + a.id() + " tx " + a.txHash();
        Optional<StoredCheckpoint> cp = all.stream().filter(c -> c.id() == a.checkpointId()).findFirst();
        if (cp.isEmpty()) {
            return item("anchor", id, false, "names checkpoint #" + a.checkpointId() + ", which does not exist", findings);
        }
        if (ch.chainId() != a.chainId()) {
            return item("anchor", id, false, "recorded on chain " + a.chainId() + ", the RPC serves " + ch.chainId(), findings);
        }
        Optional<Chain.Tx> tx = ch.transaction(a.txHash());
        Optional<Chain.Receipt> r = ch.receipt(a.txHash());
        if (tx.isEmpty() || r.isEmpty() || !r.get().success()) {
            return item("anchor", id, false, "the chain has no successful transaction " + a.txHash(), findings);
        }
        AnchorPayload p;
        try {
            p = AnchorPayload.decodeHex(tx.get().input());
        } catch (RuntimeException e) {
            return item("anchor", id, false, "the transaction's data is not an anchor: " + e.getMessage(), findings);
        }
        boolean matches = p.treeSize() == cp.get().treeSize() && p.rootHex().equalsIgnoreCase(cp.get().rootHex());
        boolean canonical = ch.blockHash(r.get().blockNumber()).map(h -> h.equalsIgnoreCase(r.get().blockHash())).orElse(false);
        return item("anchor", id, matches && canonical, "block " + r.get().blockNumber() + (canonical ? "" : " NOT CANONICAL")
                + ", carries size " + p.treeSize() + " root " + p.rootHex() + (matches ? " = checkpoint #" : " != checkpoint #")
                + cp.get().id(), findings);
    }

    private static Item item(String kind, String id, boolean ok, String detail, List<String> findings) {
        if (!ok) {
            findings.add(kind + " " + id + ": " + detail);
        }
        return new Item(kind, id, ok, detail);
    }

    /** Operator keys from KeyCreated/KeyRetired: each key's time in use (created to retired, or now) against 90 days. */
    private List<Key> operatorKeys(Instant now, Map<String, NoteVerifierKey> verifiers) {
        Map<String, KeyCreated> created = new LinkedHashMap<>();
        Map<String, KeyRetired> retired = new LinkedHashMap<>();
        new EventLog(db).forEachOfTypes(List.of("KeyCreated", "KeyRetired"), e -> {
            Object p = CustodyEvents.TYPES.decode(e.type(), e.payload());
            if (p instanceof KeyCreated k) {
                created.put(k.keyId(), k);
            } else if (p instanceof KeyRetired k) {
                retired.put(k.keyId(), k);
            }
        });
        List<Key> out = new ArrayList<>();
        for (KeyCreated k : created.values()) {
            verifiers.put(k.keyId(), NoteVerifierKey.parse(k.verifierKey()));
            KeyRetired r = retired.get(k.keyId());
            Instant from = Instant.parse(k.createdAt());
            Instant until = r == null ? now : Instant.parse(r.retiredAt());
            Duration used = Duration.between(from, until);
            out.add(new Key("operator", k.keyId(), k.keyName(), k.createdAt(), r == null ? "active" : r.retiredAt(), used.toDays(),
                    used.compareTo(MAX_KEY_AGE) <= 0));
        }
        return out;
    }

    /** Chain accounts from the anchors: first to last use, and to now for the account of the newest anchor. */
    private static List<Key> chainKeys(List<StoredAnchor> anchors, Instant now) {
        Map<String, Instant[]> span = new LinkedHashMap<>();
        for (StoredAnchor a : anchors) {
            Instant at = Instant.parse(a.publishedAt().trim());
            span.merge(a.fromAddress().toLowerCase(java.util.Locale.ROOT), new Instant[] {at, at},
                    (x, y) -> new Instant[] {x[0].isBefore(y[0]) ? x[0] : y[0], x[1].isAfter(y[1]) ? x[1] : y[1]});
        }
        String current = anchors.isEmpty() ? null : anchors.get(anchors.size() - 1).fromAddress().toLowerCase(java.util.Locale.ROOT);
        List<Key> out = new ArrayList<>();
        span.forEach((addr, s) -> {
            Instant until = addr.equals(current) ? now : s[1];
            Duration used = Duration.between(s[0], until);
            out.add(new Key("chain", addr, "anchoring account", s[0].toString(), addr.equals(current) ? "in use" : s[1].toString(),
                    used.toDays(), used.compareTo(MAX_KEY_AGE) <= 0));
        });
        return out;
    }
}
