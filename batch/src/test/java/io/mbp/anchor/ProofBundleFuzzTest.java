package io.mbp.anchor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.error.BadInputException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the proof file {@code mbp verify-anchor} reads from the public (docs/security.md). A
 * proof is either a {@link ProofBundle} or a {@link BadInputException} (exit 4); any other
 * throwable is a finding. An accepted proof, written back, reads the same (canonical payload
 * included: canonicalisation is idempotent).
 */
class ProofBundleFuzzTest {

    @FuzzTest(maxDuration = "1m")
    void parse(byte[] input) {
        ProofBundle p;
        try {
            p = ProofBundle.parse(new String(input, StandardCharsets.UTF_8), "fuzz-proof.json");
        } catch (BadInputException refused) {
            return;
        }
        ProofBundle again = ProofBundle.parse(p.toJson(), "again.json");
        assertEquals(p, again);
        assertEquals(p.toJson(), again.toJson());
    }
}
