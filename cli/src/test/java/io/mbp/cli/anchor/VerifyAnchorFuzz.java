package io.mbp.cli.anchor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Runs {@code mbp verify-anchor --offline} in process on fuzzed files. A good proof and its key are
 * fixtures made once with {@code keys init}, {@code seal} and {@code proof export} (the fixture key
 * is a throwaway). The documented exits are 0 verified, 3 a check failed and 4 unreadable proof or
 * key; 1 (an unexpected exception) or anything else is a finding.
 */
final class VerifyAnchorFuzz {
    private static final Set<Integer> DOCUMENTED = Set.of(0, 3, 4);
    private static Path dir;

    private VerifyAnchorFuzz() {
    }

    static synchronized Path file(String name, byte[] content) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("mbp-fuzz-verify");
                dir.toFile().deleteOnExit();
            }
            Path p = Files.write(dir.resolve(name), content);
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path fixture(String resource) {
        try (InputStream in = VerifyAnchorFuzz.class.getResourceAsStream(resource)) {
            return file(resource, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void verify(Path proof, Path key) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--verbose", "verify-anchor", "--proof", proof.toString(), "--pubkey", key.toString(),
            "--offline"}, new PrintWriter(out), new PrintWriter(err));
        assertTrue(DOCUMENTED.contains(code), "exit " + code + "\n" + out + err);
    }
}
