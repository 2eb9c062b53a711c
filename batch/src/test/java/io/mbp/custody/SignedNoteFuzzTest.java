package io.mbp.custody;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.custody.SignedNote.NoteFormatException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes signed notes, which the verifier reads from outside: the checkpoint inside a proof or an
 * evidence bundle (docs/security.md). A note is a {@link SignedNote} or a {@link NoteFormatException};
 * any other throwable is a finding. An accepted note survives a round trip through its text.
 */
class SignedNoteFuzzTest {

    @FuzzTest(maxDuration = "1m")
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
}
