package io.mbp.cli.formal;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormalCheckCommandTest {
    private static final Path SPECS = Path.of("..", "specs", "tla");

    @TempDir
    Path tmp;

    @Test
    void checksTheChosenSpecsAndWritesEvidence() {
        Path ev = tmp.resolve("ev");
        Run o = mbp("formal", "check", "--specs", SPECS.toString(), "--out", ev.toString(),
                "--spec", "disputes", "--spec", "merkle_append_only_broken");
        assertEquals(0, o.code(), o.err() + o.out());
        assertTrue(o.out().contains("merkle_append_only_broken    FAIL     FAIL"), o.out());
        assertTrue(o.out().contains("conformance disputes <- io.mbp.oracle.OracleEngine.decide + io.mbp.oracle.OracleState.evolve: conforms"), o.out());
        assertTrue(o.out().contains("formal pack: OK"), o.out());
        assertTrue(Files.isRegularFile(ev.resolve("manifest.json")));
        assertTrue(Files.isRegularFile(ev.resolve("merkle_append_only_broken/counterexample.txt")));
    }

    @Test
    void anExpectedFailureThatDoesNotHappenExitsThree() throws Exception {
        Path specs = Files.createDirectories(tmp.resolve("specs"));
        try (Stream<Path> files = Files.list(SPECS)) {
            for (Path f : files.toList()) {
                Files.copy(f, specs.resolve(f.getFileName()));
            }
        }
        // Take the history rewrite out of the broken spec: TLC then finds nothing, which must fail the check.
        Path broken = specs.resolve("merkle_append_only_broken.tla");
        Files.writeString(broken, Files.readString(broken).replace("    \\/ \\E i \\in 1..MaxLen, x \\in Leaves : RewriteHistory(i, x)\n", ""));
        Run o = mbp("formal", "check", "--specs", specs.toString(), "--out", tmp.resolve("ev").toString(),
                "--spec", "merkle_append_only_broken");
        assertEquals(3, o.code(), o.err() + o.out());
        assertTrue(o.err().contains("mbp: error: formal check failed: merkle_append_only_broken (expected FAIL, got PASS)"), o.err());
    }

    @Test
    void anUnknownSpecIsBadInput() {
        Run o = mbp("formal", "check", "--specs", SPECS.toString(), "--out", tmp.resolve("ev").toString(), "--spec", "nope");
        assertEquals(4, o.code());
        assertTrue(o.err().startsWith("mbp: error: spec nope is not in the pack; known: [consensus_v1,"), o.err());
        assertTrue(o.err().trim().endsWith("(--spec)"), o.err());
        assertTrue(Files.notExists(tmp.resolve("ev")), "nothing written");
    }

    @Test
    void aMissingTlcJarIsInfrastructureAndWritesNothing() {
        Run o = mbp("formal", "check", "--specs", SPECS.toString(), "--out", tmp.resolve("ev").toString(),
                "--tlc-jar", tmp.resolve("no-tlatools.jar").toString());
        assertEquals(5, o.code(), o.err());
        assertTrue(o.err().contains("TLC jar " + tmp.resolve("no-tlatools.jar") + " does not exist"), o.err());
        assertTrue(Files.notExists(tmp.resolve("ev")), "nothing written");
    }

    @Test
    void aMissingSpecsFolderIsBadInput() {
        Run o = mbp("formal", "check", "--specs", tmp.resolve("none").toString(), "--out", tmp.resolve("ev").toString());
        assertEquals(4, o.code());
        assertTrue(o.err().contains("specs folder " + tmp.resolve("none") + " does not exist"), o.err());
    }
}
