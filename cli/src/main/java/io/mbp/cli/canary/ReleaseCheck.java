package io.mbp.cli.canary;

import io.mbp.custody.VerifierKeyFile;
import io.mbp.error.VerificationFailedException;
import io.mbp.evidence.ReleaseVerifier;
import java.nio.file.Path;

/**
 * The canary rolls out what the release signed: before a release folder's parameters are read, the
 * folder is verified as {@code mbp release verify --offline} does (manifest signature, every file's
 * SHA-256, params.json, provenance, Merkle root). Offline, so a canary does not depend on the chain
 * answering; {@code mbp release verify --rpc} is the anchor's check.
 */
final class ReleaseCheck {
    private ReleaseCheck() {
    }

    static void verified(Path release, Path pubkey) {
        ReleaseVerifier.Report r = ReleaseVerifier.verify(release, VerifierKeyFile.read(pubkey, "--pubkey " + pubkey), null);
        r.failure().ifPresent(f -> {
            throw new VerificationFailedException(release + ": the release does not verify: " + f.name() + ": " + f.detail());
        });
    }
}
