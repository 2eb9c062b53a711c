package io.mbp.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierKeyFileTest {
    // The signed-note reference vector (also in SignedNoteTest).
    private static final String VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

    @TempDir
    Path tmp;

    @Test
    void readsEveryKeySkippingCommentsBlankLinesAndCarriageReturns() throws Exception {
        NoteVerifierKey other = NoteVerifierKey.of("mbp.example/log", new byte[32]);
        Path f = Files.writeString(tmp.resolve("keys.pub"), "# operator keys\r\n\n  " + VKEY + "  \r\n" + other.text() + "\n");
        List<NoteVerifierKey> keys = VerifierKeyFile.read(f, "--pubkey " + f);
        assertEquals(List.of(NoteVerifierKey.parse(VKEY), other), keys);
        assertEquals(other, VerifierKeyFile.pick(keys, other.keyIdHex().toUpperCase()));
        assertEquals(keys.get(0), VerifierKeyFile.pick(keys, "00000000"), "an unknown id falls back to the first key");
    }

    @Test
    void refusesNamingTheSourceAndLine() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.pub"), "# c\n" + VKEY + "\nnonsense\n");
        BadInputException e = assertThrows(BadInputException.class, () -> VerifierKeyFile.read(bad, "--pubkey " + bad));
        assertTrue(e.getMessage().startsWith("--pubkey " + bad + " line 3: "), e.getMessage());

        Path empty = Files.writeString(tmp.resolve("empty.pub"), "# nothing\n\n");
        e = assertThrows(BadInputException.class, () -> VerifierKeyFile.read(empty, "--pubkey " + empty));
        assertEquals("--pubkey " + empty + ": no verifier key in the file", e.getMessage());

        Path missing = tmp.resolve("missing.pub");
        e = assertThrows(BadInputException.class, () -> VerifierKeyFile.read(missing, "--pubkey " + missing));
        assertEquals("--pubkey " + missing + ": no such file", e.getMessage());
    }

    @Test
    void theKeyFileIsTheGivenOneElseTheEnvironmentsElseTheDefault() {
        Map<String, String> env = Map.of(KeyStore.FILE_ENV, "/env/keys.json");
        assertEquals(Path.of("/opt/k.json"), KeyStore.locate("/opt/k.json", env::get).file());
        assertEquals(Path.of("/env/keys.json"), KeyStore.locate(null, env::get).file());
        assertEquals(Path.of("/env/keys.json"), KeyStore.locate(" ", env::get).file());
        assertEquals(KeyStore.DEFAULT_PATH, KeyStore.locate(null, Map.<String, String>of()::get).file());
        assertEquals(KeyStore.DEFAULT_PATH, KeyStore.locate(null, Map.of(KeyStore.FILE_ENV, "")::get).file());
    }
}
