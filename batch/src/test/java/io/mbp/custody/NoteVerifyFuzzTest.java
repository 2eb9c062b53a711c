package io.mbp.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.custody.SignedNote.NoteFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzzes signature checking (docs/security.md): any 32 bytes as an Ed25519 public key (most are not
 * points on the curve), any bytes as a signature. Verifying answers true or false and never throws.
 */
class NoteVerifyFuzzTest {

    /** Any 32 bytes as a public key, any bytes as a signature: verify answers true or false, never throws. */
    @FuzzTest(maxDuration = "1m")
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
