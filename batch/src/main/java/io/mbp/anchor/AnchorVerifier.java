package io.mbp.anchor;

import io.mbp.custody.NoteVerifierKey;
import io.mbp.custody.SignedNote;
import io.mbp.error.BadInputException;
import io.mbp.error.ExitCodes;
import io.mbp.error.InfrastructureException;
import io.mbp.merkle.Checkpoint;
import io.mbp.merkle.ProofVerifier;
import io.mbp.merkle.TreeHash;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks a proof file trusting only the given public key and the chain: the event's hash, its
 * inclusion under the checkpoint root, the checkpoint's signature, then the anchor transaction.
 * Every step is reported with why it passed or failed; nothing here reads the operator's database.
 */
public final class AnchorVerifier {
    private static final HexFormat HEX = HexFormat.of();

    public record Step(String step, boolean ok, String detail) {
    }

    public record Report(List<Step> steps, boolean offline, boolean chainChecked, int exitCode) {
        public boolean verified() {
            return exitCode == ExitCodes.OK;
        }
    }

    private AnchorVerifier() {
    }

    /**
     * @param chain opens the chain connection; not called when {@code offline}
     */
    public static Report verify(ProofBundle p, NoteVerifierKey key, boolean offline, Supplier<Chain> chain, int minConfirmations) {
        List<Step> steps = new ArrayList<>();
        boolean ok = true;

        byte[] leaf = TreeHash.leaf(p.eventBytes());
        boolean leafOk = HEX.formatHex(leaf).equals(p.leafHash());
        ok &= add(steps, "event hash", leafOk, leafOk ? "SHA-256(0x00 ‖ canonical event) = leaf_hash " + abbrev(p.leafHash())
                : "the event hashes to " + abbrev(HEX.formatHex(leaf)) + " but leaf_hash says " + abbrev(p.leafHash())
                + ": the event in the proof was altered");
        boolean indexOk = p.leafIndex() == p.seq();
        ok &= add(steps, "leaf index", indexOk, indexOk ? "leaf_index " + p.leafIndex() + " = event seq"
                : "leaf_index " + p.leafIndex() + " is not the event's seq " + p.seq());

        SignedNote note;
        Checkpoint cp;
        try {
            note = SignedNote.parse(p.checkpoint());
            cp = Checkpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("field checkpoint: not a signed checkpoint note: " + e.getMessage());
        }
        boolean sizeOk = cp.size() == p.treeSize();
        ok &= add(steps, "tree size", sizeOk, sizeOk ? "tree_size " + p.treeSize() + " = checkpoint size"
                : "the proof is for tree size " + p.treeSize() + " but the checkpoint is of size " + cp.size());

        List<byte[]> path = p.inclusionProof().stream().map(HEX::parseHex).toList();
        boolean inRange = p.leafIndex() < cp.size();
        int expected = inRange ? ProofVerifier.inclusionLength(p.leafIndex(), cp.size()) : -1;
        boolean inclusionOk = inRange && ProofVerifier.verifyInclusion(leaf, p.leafIndex(), cp.size(), path, cp.root());
        String inclusionWhy;
        if (inclusionOk) {
            inclusionWhy = path.size() + " hashes lead from the leaf to root " + abbrev(cp.rootHex());
        } else if (!inRange) {
            inclusionWhy = "leaf " + p.leafIndex() + " is not in a tree of " + cp.size();
        } else if (path.size() != expected) {
            inclusionWhy = "a proof for leaf " + p.leafIndex() + " of " + cp.size() + " has " + expected + " hashes, this one has "
                    + path.size() + " (truncated or padded)";
        } else {
            inclusionWhy = "the path does not lead to the checkpoint root " + abbrev(cp.rootHex());
        }
        ok &= add(steps, "inclusion proof", inclusionOk, inclusionWhy);

        SignedNote.Verification sig = note.verify(key);
        boolean keyIdOk = p.keyId().equalsIgnoreCase(key.keyIdHex());
        boolean sigOk = sig.ok() && keyIdOk;
        ok &= add(steps, "checkpoint signature", sigOk, !sig.ok() ? sig.detail()
                : keyIdOk ? sig.detail() : "signed by the given key, but the proof names key id " + p.keyId());

        if (offline) {
            steps.add(new Step("chain", false, "NOT CHECKED (--offline): the anchor on chain was not verified"));
            return new Report(steps, true, false, ok ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED);
        }
        ProofBundle.Anchor a = p.anchor();
        if (a == null) {
            add(steps, "anchor", false, "the proof carries no anchor (exported before `mbp anchor publish`); use --offline"
                    + " to check the rest");
            return new Report(steps, false, false, ExitCodes.VERIFICATION_FAILED);
        }
        try (Chain c = chain.get()) {
            ok &= chainSteps(steps, c, a, cp, minConfirmations);
        } catch (InfrastructureException e) {
            steps.add(new Step("chain reachable", false, e.getMessage()));
            return new Report(steps, false, false, ExitCodes.UNREACHABLE);
        }
        return new Report(steps, false, true, ok ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED);
    }

    private static boolean chainSteps(List<Step> steps, Chain c, ProofBundle.Anchor a, Checkpoint cp, int minConfirmations) {
        long chainId = c.chainId();
        if (chainId != a.chainId()) {
            return add(steps, "chain id", false, "the anchor is on chain " + a.chainId() + " but the RPC serves chain " + chainId);
        }
        Optional<Chain.Tx> tx = c.transaction(a.txHash());
        if (tx.isEmpty() || tx.get().blockNumber() == null) {
            return add(steps, "transaction", false, "transaction " + a.txHash() + " is not in the chain "
                    + (tx.isEmpty() ? "(unknown to the node: never sent, or its block was reorganized away)" : "(still pending)"));
        }
        if (tx.get().chainId() != null && tx.get().chainId() != chainId) {
            return add(steps, "chain id", false, "the transaction was signed for chain " + tx.get().chainId());
        }
        add(steps, "chain id", true, "chain " + chainId);
        add(steps, "transaction", true, a.txHash() + " in block " + tx.get().blockNumber());
        AnchorPayload expected = new AnchorPayload(cp.size(), cp.root());
        String dataWhy;
        boolean dataOk;
        try {
            AnchorPayload got = AnchorPayload.decodeHex(tx.get().input());
            dataOk = MessageDigest.isEqual(got.encode(), expected.encode());
            dataWhy = dataOk ? "carries size " + cp.size() + " and root " + abbrev(cp.rootHex())
                    : "carries size " + got.treeSize() + " and root " + abbrev(got.rootHex()) + ", the checkpoint has size "
                    + cp.size() + " and root " + abbrev(cp.rootHex());
        } catch (IllegalArgumentException e) {
            dataOk = false;
            dataWhy = e.getMessage();
        }
        if (!add(steps, "transaction data", dataOk, dataWhy)) {
            return false;
        }
        Optional<Chain.Receipt> r = c.receipt(a.txHash());
        boolean receiptOk = r.isPresent() && r.get().success();
        if (!add(steps, "receipt status", receiptOk, receiptOk ? "1 (success)" : r.isEmpty() ? "no receipt" : "0 (failed)")) {
            return false;
        }
        Optional<String> canonical = c.blockHash(a.blockNumber());
        boolean canonicalOk = canonical.isPresent() && canonical.get().equalsIgnoreCase(a.blockHash())
                && r.get().blockHash().equalsIgnoreCase(a.blockHash()) && r.get().blockNumber() == a.blockNumber();
        if (!add(steps, "block canonical", canonicalOk, canonicalOk ? "block " + a.blockNumber() + " is " + abbrev(a.blockHash())
                : "the proof says block " + a.blockNumber() + " " + abbrev(a.blockHash()) + ", the chain has "
                + canonical.map(AnchorVerifier::abbrev).orElse("no block") + " there and the receipt block "
                + r.get().blockNumber() + " " + abbrev(r.get().blockHash()) + " (reorganized)")) {
            return false;
        }
        long confirmations = c.blockNumber() - a.blockNumber() + 1;
        return add(steps, "confirmations", confirmations >= minConfirmations, confirmations + " (at least "
                + minConfirmations + " required)" + (confirmations >= minConfirmations ? "" : ": not yet final"));
    }

    private static boolean add(List<Step> steps, String step, boolean ok, String detail) {
        steps.add(new Step(step, ok, detail));
        return ok;
    }

    private static String abbrev(String hex) {
        return hex == null ? "-" : hex.length() > 18 ? hex.substring(0, 18) + "…" : hex;
    }
}
