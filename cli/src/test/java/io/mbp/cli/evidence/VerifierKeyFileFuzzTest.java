package io.mbp.cli.evidence;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.custody.VerifierKeyFile;
import io.mbp.error.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the {@code --pubkey} file of {@code mbp evidence verify} (docs/security.md): one verifier
 * key a line, blank lines and {@code #} comments allowed. It yields at least one key or a
 * {@link BadInputException} (exit 4); any other throwable is a finding.
 */
class VerifierKeyFileFuzzTest {
    private static Path dir;

    @BeforeAll
    static void dir() throws IOException {
        dir = Files.createTempDirectory("mbp-fuzz-keys");
    }

    @AfterAll
    static void clean() throws IOException {
        Files.deleteIfExists(dir.resolve("pub.txt"));
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "1m")
    void keyFile(byte[] input) throws IOException {
        Path f = Files.write(dir.resolve("pub.txt"), input);
        List<NoteVerifierKey> keys;
        try {
            keys = VerifierKeyFile.read(f, f.toString());
        } catch (BadInputException refused) {
            return;
        }
        assertFalse(keys.isEmpty());
    }
}
