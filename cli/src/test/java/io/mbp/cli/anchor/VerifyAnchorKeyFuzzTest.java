package io.mbp.cli.anchor;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/** Fuzzes the {@code --pubkey} file of {@code mbp verify-anchor} (the CLI's key reader), with a good proof (docs/security.md). */
class VerifyAnchorKeyFuzzTest {
    private static final Path PROOF = VerifyAnchorFuzz.fixture("fixture-proof.json");

    @FuzzTest(maxDuration = "1m")
    void pubkey(byte[] input) {
        VerifyAnchorFuzz.verify(PROOF, VerifyAnchorFuzz.file("pub.txt", input));
    }
}
