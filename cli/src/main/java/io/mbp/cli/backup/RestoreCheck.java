package io.mbp.cli.backup;

import io.mbp.custody.CheckpointStore;
import io.mbp.custody.KeyCreated;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.custody.SignedNote;
import io.mbp.custody.StoredCheckpoint;
import io.mbp.custody.VerifierKeyFile;
import io.mbp.events.CanonicalJson;
import io.mbp.events.EventLog;
import io.mbp.events.LeafHash;
import io.mbp.merkle.Checkpoint;
import io.mbp.merkle.MemoryTree;
import io.mbp.merkle.MerkleTree;
import io.mbp.merkle.ProofVerifier;
import io.mbp.merkle.TreeHash;
import io.mbp.sql.Database;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a restored database must show before it takes traffic: every event re-hashed from its
 * content and equal to its stored leaf hash; at least what the manifest says the source held; every
 * checkpoint's root recomputed from those leaves, its signature valid and its consistency proof from
 * the one before; and a consistency proof from the newest checkpoint to the whole restored log.
 */
public final class RestoreCheck {
    private static final HexFormat HEX = HexFormat.of();

    public record Check(String check, boolean ok, String detail) {
    }

    private RestoreCheck() {
    }

    /**
     * {@code keys}: trusted verifier keys; empty means the keys the log itself announced
     * ({@code KeyCreated}), which proves integrity but not who signed (self-asserted, said so).
     */
    static List<Check> verify(Database db, BackupManifest m, List<NoteVerifierKey> keys) {
        List<Check> checks = new ArrayList<>();
        db.read(dsl -> {
            long size = EventLog.size(dsl);
            Rehashed re = rehash(dsl, size);
            checks.add(re.check());
            MerkleTree tree = new MerkleTree(MemoryTree.build(re.leaves()));

            boolean holds = size >= m.logSize() && (m.logSize() == 0
                    || HEX.formatHex(EventLog.leafHash(dsl, m.logSize() - 1)).equalsIgnoreCase(m.lastLeafHash()));
            checks.add(new Check("manifest", holds, holds ? "holds the " + m.logSize() + " events the source had when the backup began"
                    + (size > m.logSize() ? " and " + (size - m.logSize()) + " appended during it" : "")
                    : "the restored log (" + size + " events) does not hold event " + (m.logSize() - 1) + " as the manifest recorded it"));

            List<StoredCheckpoint> cps = CheckpointStore.all(dsl);
            List<NoteVerifierKey> trusted = keys.isEmpty() ? announcedKeys(dsl) : keys;
            if (cps.isEmpty()) {
                checks.add(new Check("checkpoints", false, "no checkpoint in the backup: nothing signed to check it against (seal before backing up)"));
                return null;
            }
            if (m.checkpointId() != null && cps.stream().noneMatch(c -> c.id() == m.checkpointId() && c.rootHex().equalsIgnoreCase(m.checkpointRoot()))) {
                checks.add(new Check("manifest checkpoint", false, "checkpoint #" + m.checkpointId() + " of the manifest is not in the restored database"));
            }
            StoredCheckpoint prev = null;
            List<String> problems = new ArrayList<>();
            for (StoredCheckpoint c : cps) {
                String p = checkOne(c, prev, tree, size, trusted);
                if (p != null) {
                    problems.add("#" + c.id() + ": " + p);
                }
                prev = c;
            }
            StoredCheckpoint newest = cps.get(cps.size() - 1);
            checks.add(new Check("checkpoints", problems.isEmpty(), problems.isEmpty() ? cps.size() + " checkpoint(s): roots recomputed,"
                    + " signatures valid (" + (keys.isEmpty() ? "keys announced in the log itself, self-asserted; pass --pubkey to trust a key"
                    : "--pubkey") + "), consistency proofs between them verified" : String.join("; ", problems.subList(0, Math.min(4, problems.size())))));
            boolean consistent = newest.treeSize() <= size && ProofVerifier.verifyConsistency(newest.treeSize(), size,
                    HEX.parseHex(newest.rootHex()), tree.root(size), tree.consistencyProof(newest.treeSize(), size));
            checks.add(new Check("consistency", consistent, consistent ? "the restored log of " + size + " events extends checkpoint #"
                    + newest.id() + " (size " + newest.treeSize() + ")" : "the restored log does not extend checkpoint #" + newest.id()));
            return null;
        });
        return checks;
    }

    private record Rehashed(Check check, byte[] leaves) {
    }

    /** Every event of {@code db} re-hashed from its content and compared with its stored leaf hash. */
    public static Check leaves(Database db) {
        return db.read(dsl -> rehash(dsl, EventLog.size(dsl)).check());
    }

    private static Rehashed rehash(org.jooq.DSLContext dsl, long size) {
        ByteArrayOutputStream leaves = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, size * TreeHash.SIZE));
        List<Long> bad = new ArrayList<>();
        long rows = 0;
        for (long from = 0; from < size; from += EventLog.PAGE) {
            for (io.mbp.events.Event e : EventLog.page(dsl, from, Math.min(size, from + EventLog.PAGE))) {
                if (e.seq() != rows) {
                    bad.add(rows);
                    rows = e.seq();
                }
                byte[] leaf = LeafHash.of(CanonicalJson.eventBytes(e.seq(), e.type(), e.stream(), e.ts(), e.payload()));
                if (!MessageDigest.isEqual(leaf, e.leafHash())) {
                    bad.add(e.seq());
                }
                leaves.writeBytes(leaf);
                rows++;
            }
        }
        boolean ok = bad.isEmpty() && rows == size;
        return new Rehashed(new Check("leaves", ok, ok ? size + " events re-hashed, every leaf matches"
                : "events " + bad.stream().limit(8).map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse(String.valueOf(rows))
                + (bad.size() > 8 ? " and " + (bad.size() - 8) + " more" : "") + " do not hash to their stored leaf (or are missing)"),
                leaves.toByteArray());
    }

    private static String checkOne(StoredCheckpoint c, StoredCheckpoint prev, MerkleTree tree, long size, List<NoteVerifierKey> trusted) {
        if (c.treeSize() > size) {
            return "seals " + c.treeSize() + " events but the log has " + size;
        }
        if (!HEX.formatHex(tree.root(c.treeSize())).equalsIgnoreCase(c.rootHex())) {
            return "root " + c.rootHex() + " is not the root of the first " + c.treeSize() + " re-hashed events";
        }
        SignedNote note;
        Checkpoint body;
        try {
            note = SignedNote.parse(c.note());
            body = Checkpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            return "the stored note does not parse: " + e.getMessage();
        }
        if (body.size() != c.treeSize() || !body.rootHex().equalsIgnoreCase(c.rootHex())) {
            return "the signed note is for another tree (size " + body.size() + ")";
        }
        if (trusted.isEmpty()) {
            return "no verifier key (none given with --pubkey, none announced in the log)";
        }
        SignedNote.Verification v = note.verify(VerifierKeyFile.pick(trusted, c.keyId()));
        if (!v.ok()) {
            return v.detail();
        }
        long prevSize = prev == null ? 0 : prev.treeSize();
        byte[] prevRoot = prev == null ? TreeHash.empty() : HEX.parseHex(prev.rootHex());
        if (c.previousSize() == prevSize && !ProofVerifier.verifyConsistency(prevSize, c.treeSize(), prevRoot, HEX.parseHex(c.rootHex()),
                c.consistencyProof().stream().map(HEX::parseHex).toList())) {
            return "its stored consistency proof from size " + prevSize + " does not verify";
        }
        return null;
    }

    private static List<NoteVerifierKey> announcedKeys(org.jooq.DSLContext dsl) {
        List<NoteVerifierKey> out = new ArrayList<>();
        EventLog.forEachOfTypes(dsl, List.of("KeyCreated"), e -> {
            try {
                KeyCreated k = BackupManifest.JSON.readValue(e.payload(), KeyCreated.class);
                out.add(NoteVerifierKey.parse(k.verifierKey()));
            } catch (Exception ignored) {
                // a payload that does not parse announces no key; the signature check then says so
            }
        });
        return out;
    }
}
