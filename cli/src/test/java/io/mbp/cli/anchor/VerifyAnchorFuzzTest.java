package io.mbp.cli.anchor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the public verifier end to end, in process and offline (docs/security.md): {@code mbp
 * verify-anchor} with a fuzzed proof file and a good key, and with a good proof and a fuzzed
 * {@code --pubkey} file (the CLI's verifier-key reader). The documented exits are 0 verified, 3 a
 * check failed and 4 unreadable proof or key; 1 (an unexpected exception) is a finding.
 */
class VerifyAnchorFuzzTest {
    private static final Set<Integer> DOCUMENTED = Set.of(0, 3, 4);
    private static Path dir;
    private static Path goodProof;
    private static Path goodKey;

    @BeforeAll
    static void files() throws IOException {
        dir = Files.createTempDirectory("mbp-fuzz-verify");
        goodProof = copy("fixture-proof.json");
        goodKey = copy("fixture-pub.txt");
    }

    private static Path copy(String resource) throws IOException {
        try (InputStream in = VerifyAnchorFuzzTest.class.getResourceAsStream(resource)) {
            Path p = dir.resolve(resource);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    @AfterAll
    static void clean() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static void verify(Path proof, Path key) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--verbose", "verify-anchor", "--proof", proof.toString(), "--pubkey", key.toString(),
            "--offline"}, new PrintWriter(out), new PrintWriter(err));
        assertTrue(DOCUMENTED.contains(code), "exit " + code + "\n" + out + err);
    }

    @FuzzTest(maxDuration = "10s")
    void proof(byte[] input) throws IOException {
        verify(Files.write(dir.resolve("proof.json"), input), goodKey);
    }

    @FuzzTest(maxDuration = "10s")
    void pubkey(byte[] input) throws IOException {
        verify(goodProof, Files.write(dir.resolve("pub.txt"), input));
    }
}
