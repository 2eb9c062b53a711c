package io.mbp.release;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.OptionalField;

/**
 * A release was cut: its {@code version}, the git {@code commit} it was built from, the SHA-256 of
 * its {@code manifest.json}, the Merkle root of its files' hashes and the number of leaves, the
 * SHA-256 of its {@code params.json} (the engine parameter set a canary rolls out), and the chain
 * transaction that anchors the root. {@code jar_sha256} is the SHA-256 of the shipped jar, the code a
 * daemon of this release runs (absent in releases cut before it was recorded; docs/adr/0321).
 */
@EventType("ReleaseCut")
public record ReleaseCut(String version, String commit, String manifestSha256, String merkleRoot, long leaves,
                         String paramsSha256, long chainId, String anchorTx, @OptionalField String jarSha256) implements ReleaseEvent {
    public ReleaseCut {
        requireText("version", version);
        requireText("commit", commit);
        requireText("manifest_sha256", manifestSha256);
        requireText("merkle_root", merkleRoot);
        requireText("params_sha256", paramsSha256);
        requireText("anchor_tx", anchorTx);
    }

    public ReleaseCut(String version, String commit, String manifestSha256, String merkleRoot, long leaves, String paramsSha256,
                      long chainId, String anchorTx) {
        this(version, commit, manifestSha256, merkleRoot, leaves, paramsSha256, chainId, anchorTx, null);
    }
}
