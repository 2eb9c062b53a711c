package io.mbp.anchor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.error.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Fuzzes the public verifier's checks, offline, behind the proof parser (docs/security.md): the
 * event hash, leaf index, tree size, inclusion proof and checkpoint signature of any proof that
 * parses, against the key of the fixture proofs in the corpus. A proof either gets a report with a
 * documented exit code (0 verified, 3 a check failed) or a {@link BadInputException}; any other
 * throwable is a finding. ({@code VerifyAnchorProofFuzzTest} runs the same through the CLI, slowly.)
 */
class AnchorVerifierFuzzTest {
    /** The throwaway key that signed the corpus proofs (cli/src/test/resources/io/mbp/cli/anchor/fixture-pub.txt). */
    private static final NoteVerifierKey KEY =
            NoteVerifierKey.parse("mbp.example/log+9db79824+AQI2UkmRjEUnlEZhmJaoWz122dhj5hf1bZGw0oTLCk9T");

    @FuzzTest(maxDuration = "1m")
    void verify(byte[] input) {
        AnchorVerifier.Report r;
        try {
            ProofBundle p = ProofBundle.parse(new String(input, StandardCharsets.UTF_8), "fuzz-proof.json");
            r = AnchorVerifier.verify(p, KEY, true, () -> {
                throw new AssertionError("offline: the chain is never asked");
            }, 6);
        } catch (BadInputException refused) {
            return;
        }
        assertTrue(Set.of(0, 3).contains(r.exitCode()), r.toString());
    }
}
