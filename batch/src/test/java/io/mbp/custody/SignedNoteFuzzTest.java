package io.mbp.custody;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.custody.SignedNote.NoteFormatException;
import io.mbp.events.FieldException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzzes what the verifier reads from outside (docs/security.md): signed notes (the checkpoint
 * inside a proof or an evidence bundle) and verifier keys (the published public key). A note is a
 * {@link SignedNote} or a {@link NoteFormatException}; a key a {@link NoteVerifierKey} or a
 * {@link FieldException}; verifying never throws. Both survive a round trip through their text.
 */
class SignedNoteFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void note(byte[] input) {
        SignedNote n;
        try {
            n = SignedNote.parse(new String(input, StandardCharsets.UTF_8));
        } catch (NoteFormatException refused) {
            return;
        }
        SignedNote again = SignedNote.parse(n.encode());
        assertEquals(n.text(), again.text());
        assertEquals(n.signatures().size(), again.signatures().size());
        for (int i = 0; i < n.signatures().size(); i++) {
            assertEquals(n.signatures().get(i).name(), again.signatures().get(i).name());
            assertArrayEquals(n.signatures().get(i).keyId(), again.signatures().get(i).keyId());
            assertArrayEquals(n.signatures().get(i).signature(), again.signatures().get(i).signature());
        }
        assertEquals(again.encode(), n.encode());
    }

    @FuzzTest(maxDuration = "10s")
    void verifierKey(byte[] input) {
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

    /** Any 32 bytes as a public key, any bytes as a signature: verify answers true or false, never throws. */
    @FuzzTest(maxDuration = "10s")
    void verify(FuzzedDataProvider data) {
        byte[] pub = data.consumeBytes(32);
        if (pub.length < 32) {
            return;
        }
        NoteVerifierKey key = NoteVerifierKey.of("fuzz", pub);
        byte[] sig = data.consumeBytes(data.consumeBoolean() ? 64 : data.consumeInt(0, 100));
        String text = "fuzz.example/log\n" + data.consumeRemainingAsString().replace("\n\n", "\n") + "\n";
        key.verify(text.getBytes(StandardCharsets.UTF_8), sig);
        SignedNote note;
        try {
            byte[] blob = new byte[4 + sig.length];
            System.arraycopy(key.keyId(), 0, blob, 0, 4);
            System.arraycopy(sig, 0, blob, 4, sig.length);
            note = SignedNote.parse(text + "\n\u2014 fuzz " + java.util.Base64.getEncoder().encodeToString(blob) + "\n");
        } catch (NoteFormatException refused) {
            return;
        }
        SignedNote.Verification v = note.verify(key);
        if (v.ok()) {
            // Only a genuine Ed25519 signature over the text verifies; random bytes essentially never are.
            assertEquals(64, sig.length, Arrays.toString(sig));
        }
    }
}
