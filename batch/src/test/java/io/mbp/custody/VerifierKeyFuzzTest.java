package io.mbp.custody;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.events.FieldException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the verifier key text, the published public key (docs/security.md): a
 * {@link NoteVerifierKey} or a {@link FieldException}; any other throwable is a finding. An
 * accepted key survives a round trip through its text.
 */
class VerifierKeyFuzzTest {

    @FuzzTest(maxDuration = "1m")
    void parse(byte[] input) {
        NoteVerifierKey k;
        try {
            k = NoteVerifierKey.parse(new String(input, StandardCharsets.UTF_8));
        } catch (FieldException refused) {
            return;
        }
        NoteVerifierKey again = NoteVerifierKey.parse(k.text());
        assertEquals(k, again);
        assertArrayEquals(k.keyId(), again.keyId());
        assertEquals(k.text(), again.text());
    }
}
