package io.mbp.cli.anchor;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/** Fuzzes the proof file of {@code mbp verify-anchor}, with a good key (docs/security.md). */
class VerifyAnchorProofFuzzTest {
    private static final Path KEY = VerifyAnchorFuzz.fixture("fixture-pub.txt");

    @FuzzTest(maxDuration = "1m")
    void proof(byte[] input) {
        VerifyAnchorFuzz.verify(VerifyAnchorFuzz.file("proof.json", input), KEY);
    }
}
