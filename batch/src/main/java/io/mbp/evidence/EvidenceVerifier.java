package io.mbp.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.anchor.AnchorPayload;
import io.mbp.anchor.Chain;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.custody.SignedNote;
import io.mbp.events.JsonLimits;
import io.mbp.merkle.Checkpoint;
import io.mbp.merkle.LeafPages;
import io.mbp.merkle.ProofVerifier;
import io.mbp.merkle.TreeHash;
import io.mbp.sql.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks a bundle trusting only the operator's public key (and the chain, when asked): the DSSE
 * signature over the manifest, every file's hash and size, no unlisted file, every event's leaf
 * hash, every event's inclusion in the signed checkpoint (the root recomputed from all leaves of
 * the log is the checkpoint's root: a range proof of seq 0..n-1), the consistency proof back to
 * the previous bundle, and each anchor on chain. Every check runs and each failure is named.
 */
public final class EvidenceVerifier {
    public record Check(String name, boolean ok, String detail) {
    }

    public record Report(Path dir, List<Check> checks) {
        public boolean ok() {
            return checks.stream().allMatch(Check::ok);
        }

        public List<Check> failures() {
            return checks.stream().filter(c -> !c.ok()).toList();
        }
    }

    private EvidenceVerifier() {
    }

    /**
     * @param keys     trusted verifier keys; empty: the bundle's own operator.pub (says so: self-asserted)
     * @param chain    the chain to check anchors on, or null for offline
     * @param previous the previous bundle, or null
     */
    public static Report verify(Path dir, List<NoteVerifierKey> keys, Supplier<Chain> chain, Path previous, Path workDir) {
        List<Check> checks = new ArrayList<>();
        JsonNode manifest = EvidenceBuilder.readManifest(dir);
        List<NoteVerifierKey> trusted = keys;
        if (trusted.isEmpty()) {
            try {
                trusted = List.of(NoteVerifierKey.parse(Files.readString(dir.resolve(BundleFiles.OPERATOR_KEY)).strip()));
                checks.add(new Check("key", true, "no --pubkey: using the bundle's own operator.pub, which proves integrity"
                        + " but not who signed; pass --pubkey with the operator's published key"));
            } catch (IOException | RuntimeException e) {
                checks.add(new Check("key", false, "no --pubkey and operator.pub is unreadable: " + e.getMessage()));
                trusted = List.of();
            }
        }
        checkEnvelope(dir, trusted, checks);
        checkFiles(dir, manifest, checks);

        long n = manifest.path("checkpoint").path("tree_size").asLong();
        String rootHex = manifest.path("checkpoint").path("root_hash").asText();
        checkNote(dir, trusted, n, rootHex, checks);

        Roots leaves = checkEvents(dir, n, consistencyFrom(dir), workDir, checks);
        if (leaves != null) {
            byte[] root = leaves.root();
            boolean ok = MessageDigest.isEqual(root, TreeHash.parseHex(rootHex));
            checks.add(new Check("inclusion", ok, ok
                    ? "all " + n + " events are included in checkpoint #" + manifest.path("checkpoint").path("id").asLong()
                    + ": the root recomputed from every leaf equals the signed root"
                    : "the events hash to root " + TreeHash.hex(root) + ", the checkpoint signs " + rootHex));
        }
        checkConsistency(dir, manifest, leaves, previous, checks);
        checkAnchors(manifest, chain, checks);
        return new Report(dir, checks);
    }

    private static void checkEnvelope(Path dir, List<NoteVerifierKey> keys, List<Check> checks) {
        try {
            Path envelope = dir.resolve(BundleFiles.ENVELOPE);
            Dsse.Envelope env = Dsse.parse(JsonLimits.readText(envelope, envelope.toString()));
            JsonLimits.requireSize(dir.resolve(BundleFiles.MANIFEST), JsonLimits.MAX_DOCUMENT_BYTES, dir.resolve(BundleFiles.MANIFEST).toString());
            byte[] manifest = Files.readAllBytes(dir.resolve(BundleFiles.MANIFEST));
            if (!Dsse.MANIFEST_TYPE.equals(env.payloadType())) {
                checks.add(new Check("signature", false, BundleFiles.ENVELOPE + ": payloadType is " + env.payloadType()
                        + ", expected " + Dsse.MANIFEST_TYPE));
            } else if (!MessageDigest.isEqual(env.payload(), manifest)) {
                checks.add(new Check("manifest", false, "manifest.json differs from the manifest signed in " + BundleFiles.ENVELOPE
                        + ": the manifest was edited after signing"));
            } else if (keys.stream().noneMatch(env::verifiedBy)) {
                checks.add(new Check("signature", false, BundleFiles.ENVELOPE + ": the DSSE signature does not verify under "
                        + keys.stream().map(NoteVerifierKey::text).toList()));
            } else {
                checks.add(new Check("signature", true, "DSSE signature over manifest.json verifies (Ed25519, " + Dsse.MANIFEST_TYPE + ")"));
            }
        } catch (IOException | IllegalArgumentException e) {
            checks.add(new Check("signature", false, BundleFiles.ENVELOPE + ": " + e.getMessage()));
        }
    }

    private static void checkFiles(Path dir, JsonNode manifest, List<Check> checks) {
        Set<String> listed = new LinkedHashSet<>();
        int bad = 0;
        for (JsonNode f : manifest.path("files")) {
            String path = f.path("path").asText();
            listed.add(path);
            Path p = dir.resolve(path).normalize();
            if (!p.startsWith(dir.normalize())) {
                checks.add(new Check("file " + path, false, "path leaves the bundle folder"));
                bad++;
                continue;
            }
            try {
                if (!Files.isRegularFile(p)) {
                    checks.add(new Check("file " + path, false, "listed in the manifest but missing"));
                    bad++;
                } else if (Files.size(p) != f.path("size").asLong() || !BundleFiles.sha256(p).equals(f.path("sha256").asText())) {
                    checks.add(new Check("file " + path, false, "SHA-256 " + BundleFiles.sha256(p) + " (" + Files.size(p)
                            + " bytes), the manifest says " + f.path("sha256").asText() + " (" + f.path("size").asLong()
                            + " bytes): the file was changed"));
                    bad++;
                }
            } catch (IOException e) {
                checks.add(new Check("file " + path, false, "unreadable: " + e.getMessage()));
                bad++;
            }
        }
        for (String f : BundleFiles.list(dir)) {
            if (!listed.contains(f)) {
                checks.add(new Check("file " + f, false, "not in the manifest: it was added after signing"));
                bad++;
            }
        }
        if (bad == 0) {
            checks.add(new Check("files", true, listed.size() + " files match their SHA-256 and size"));
        }
    }

    private static void checkNote(Path dir, List<NoteVerifierKey> keys, long n, String rootHex, List<Check> checks) {
        try {
            SignedNote note = SignedNote.parse(Files.readString(dir.resolve(BundleFiles.CHECKPOINT_NOTE)));
            Optional<SignedNote.Verification> ok = keys.stream().map(note::verify).filter(SignedNote.Verification::ok).findFirst();
            Checkpoint cp = Checkpoint.parse(note.text());
            if (ok.isEmpty()) {
                checks.add(new Check("checkpoint", false, BundleFiles.CHECKPOINT_NOTE + ": no signature verifies under the operator key"));
            } else if (cp.size() != n || !cp.rootHex().equals(rootHex)) {
                checks.add(new Check("checkpoint", false, BundleFiles.CHECKPOINT_NOTE + " signs size " + cp.size() + " root " + cp.rootHex()
                        + ", the manifest says size " + n + " root " + rootHex));
            } else {
                checks.add(new Check("checkpoint", true, "signed note verifies: " + n + " events, root " + rootHex));
            }
        } catch (IOException | RuntimeException e) {
            checks.add(new Check("checkpoint", false, BundleFiles.CHECKPOINT_NOTE + ": " + e.getMessage()));
        }
    }

    /** The root of the first n leaves (or of all, if fewer) and of the first {@code prefix}, when there were as many. */
    private record Roots(byte[] root, byte[] prefixRoot) {
    }

    /** The {@code from_size} of the bundle's consistency proof, or -1 (its check reports what is wrong). */
    private static long consistencyFrom(Path dir) {
        Path file = dir.resolve(BundleFiles.CONSISTENCY);
        try {
            if (Files.isRegularFile(file) && Files.size(file) <= JsonLimits.MAX_DOCUMENT_BYTES) {
                return BundleFiles.JSON.readTree(file.toFile()).path("from_size").asLong(-1);
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Re-hashes every event of the bundle's database, streaming (ADR 0604); returns the roots, or
     * null if the database is unusable.
     */
    private static Roots checkEvents(Path dir, long n, long prefix, Path workDir, List<Check> checks) {
        LeafPages tree = new LeafPages();
        byte[][] roots = new byte[2][];
        List<String> bad = new ArrayList<>();
        long[] expect = {0};
        long rows;
        try (Database db = BundleFiles.openCopy(dir.resolve(BundleFiles.DATABASE), workDir)) {
            rows = BundleFiles.forEachEvent(db, e -> {
                if (e.seq() != expect[0]) {
                    bad.add("seq " + expect[0] + (e.seq() > expect[0] ? " is missing" : " appears twice"));
                    expect[0] = e.seq();
                }
                byte[] leaf = e.computeLeafHash();
                if (!MessageDigest.isEqual(leaf, e.leafHash())) {
                    bad.add("event " + e.seq() + " (" + e.type() + ", stream " + e.stream() + ") does not match its leaf hash: its"
                            + " content was changed");
                }
                tree.add(leaf);
                if (tree.size() == n) {
                    roots[0] = tree.root();
                }
                if (tree.size() == prefix) {
                    roots[1] = tree.root();
                }
                expect[0]++;
            });
        } catch (RuntimeException e) {
            checks.add(new Check("events", false, BundleFiles.DATABASE + ": cannot read the events table: " + e.getMessage()));
            return null;
        }
        if (rows != n) {
            bad.add(BundleFiles.DATABASE + " holds " + rows + " events, the checkpoint covers " + n);
        }
        if (!bad.isEmpty()) {
            for (String b : bad.subList(0, Math.min(10, bad.size()))) {
                checks.add(new Check("events", false, b));
            }
            if (bad.size() > 10) {
                checks.add(new Check("events", false, "and " + (bad.size() - 10) + " more"));
            }
        } else {
            checks.add(new Check("events", true, n + " events re-hashed from their content (RFC 8785, RFC 9162 leaves)"));
        }
        return new Roots(roots[0] != null ? roots[0] : tree.root(), roots[1]);
    }

    private static void checkConsistency(Path dir, JsonNode manifest, Roots tree, Path previous, List<Check> checks) {
        Path file = dir.resolve(BundleFiles.CONSISTENCY);
        if (!Files.isRegularFile(file)) {
            checks.add(new Check("consistency", previous == null, previous == null
                    ? "no previous bundle recorded (first bundle of this log)"
                    : "--previous was given but the bundle has no " + BundleFiles.CONSISTENCY));
            return;
        }
        JsonLimits.requireSize(file, JsonLimits.MAX_DOCUMENT_BYTES, file.toString());
        try {
            JsonNode c = BundleFiles.JSON.readTree(file.toFile());
            long from = c.path("from_size").asLong();
            long to = c.path("to_size").asLong();
            byte[] fromRoot = TreeHash.parseHex(c.path("from_root").asText());
            byte[] toRoot = TreeHash.parseHex(c.path("to_root").asText());
            List<byte[]> proof = new ArrayList<>();
            c.path("proof").forEach(h -> proof.add(TreeHash.parseHex(h.asText())));
            boolean ok = to == manifest.path("checkpoint").path("tree_size").asLong()
                    && c.path("to_root").asText().equals(manifest.path("checkpoint").path("root_hash").asText())
                    && ProofVerifier.verifyConsistency(from, to, fromRoot, toRoot, proof);
            String detail = ok ? "consistency proof from size " + from + " to " + to + " verifies"
                    : BundleFiles.CONSISTENCY + ": the proof from size " + from + " to " + to + " does not verify";
            if (ok && tree != null && from > 0 && (tree.prefixRoot() == null || !MessageDigest.isEqual(tree.prefixRoot(), fromRoot))) {
                ok = false;
                detail = "the first " + from + " events of this bundle do not hash to the previous root " + c.path("from_root").asText();
            }
            if (ok && previous != null) {
                JsonNode pm = EvidenceBuilder.readManifest(previous);
                long ps = pm.path("checkpoint").path("tree_size").asLong();
                String pr = pm.path("checkpoint").path("root_hash").asText();
                if (ps != from || !pr.equals(c.path("from_root").asText())) {
                    ok = false;
                    detail = "the previous bundle " + previous + " has checkpoint size " + ps + " root " + pr + ", this bundle's proof"
                            + " starts from size " + from + " root " + c.path("from_root").asText();
                } else {
                    detail += "; it starts at the previous bundle's checkpoint (" + pm.path("name").asText() + ")";
                }
            }
            checks.add(new Check("consistency", ok, detail));
        } catch (IOException | RuntimeException e) {
            checks.add(new Check("consistency", false, BundleFiles.CONSISTENCY + ": " + e.getMessage()));
        }
    }

    private static void checkAnchors(JsonNode manifest, Supplier<Chain> chainSupplier, List<Check> checks) {
        JsonNode anchors = manifest.path("anchors");
        if (chainSupplier == null) {
            checks.add(new Check("anchor", true, anchors.size() + " anchor record(s) not checked on chain (offline; pass --rpc URL)"));
            return;
        }
        if (anchors.isEmpty()) {
            checks.add(new Check("anchor", false, "--rpc was given but the bundle records no anchor"));
            return;
        }
        try (Chain chain = chainSupplier.get()) {
            long chainId = chain.chainId();
            for (JsonNode a : anchors) {
                String tx = a.path("tx_hash").asText();
                String name = "anchor " + tx;
                if (a.path("chain_id").asLong() != chainId) {
                    checks.add(new Check(name, false, "recorded on chain " + a.path("chain_id").asLong() + ", the RPC serves chain " + chainId));
                    continue;
                }
                Optional<Chain.Tx> t = chain.transaction(tx);
                Optional<Chain.Receipt> r = chain.receipt(tx);
                if (t.isEmpty() || r.isEmpty()) {
                    checks.add(new Check(name, false, "the chain does not have this transaction (mined)"));
                    continue;
                }
                AnchorPayload p;
                try {
                    p = AnchorPayload.decodeHex(t.get().input());
                } catch (RuntimeException e) {
                    checks.add(new Check(name, false, "its data is not an anchor: " + e.getMessage()));
                    continue;
                }
                Optional<String> canonical = chain.blockHash(r.get().blockNumber());
                if (p.treeSize() != a.path("tree_size").asLong() || !p.rootHex().equals(a.path("root_hash").asText())) {
                    checks.add(new Check(name, false, "the transaction anchors size " + p.treeSize() + " root " + p.rootHex()
                            + ", the bundle says size " + a.path("tree_size").asLong() + " root " + a.path("root_hash").asText()));
                } else if (!r.get().success() || canonical.isEmpty() || !canonical.get().equalsIgnoreCase(r.get().blockHash())) {
                    checks.add(new Check(name, false, "receipt failed or block " + r.get().blockNumber() + " is no longer canonical"));
                } else {
                    checks.add(new Check(name, true, "on chain " + chainId + " in block " + r.get().blockNumber() + ", "
                            + (chain.blockNumber() - r.get().blockNumber() + 1) + " confirmations, carries size "
                            + p.treeSize() + " root " + p.rootHex()));
                }
            }
        } catch (RuntimeException e) {
            checks.add(new Check("anchor", false, "chain check failed: " + e.getMessage()));
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
