package io.mbp.formal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each safety property can fail: plant the bug it exists to catch (one line changed in a copy of the
 * spec) and TLC must report that property violated. A property no mutant can break would be vacuous.
 */
class SpecMutationTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("consensus_v1", "propose without a quorum",
                        "    /\\ IsQuorum(fresh)\n    /\\ \\E m", "    /\\ \\E m",
                        List.of("I9_NoFinalizationWithoutQuorum")),
                Arguments.of("failover_modes", "fail over one round early",
                        "IF failStreak + 1 = K", "IF failStreak + 2 = K", List.of("NoFlapping")),
                Arguments.of("halts_semi_sync", "fill orders in Hard",
                        "fill == level <= Warn \\/", "fill == level /= Soft \\/", List.of("I8_NoTradeInHard")),
                Arguments.of("halts_semi_sync_conformance", "fill orders in Hard",
                        "fill == level <= Warn \\/", "fill == level /= Soft \\/", List.of("I8_NoTradeInHard")),
                Arguments.of("halts_semi_sync_conformance", "relax straight to Normal (the engine before ADR 0404)",
                        "    /\\ level' = level - 1\n", "    /\\ level' = Normal\n", List.of("StepDownWithCooldown")),
                Arguments.of("disputes", "let the committee decide a finalized event again",
                        "CommitteeDecides(a) ==\n    /\\ phase = \"Committee\"",
                        "CommitteeDecides(a) ==\n    /\\ phase \\in {\"Committee\", \"Finalized\"}",
                        List.of("I3_AtMostOneFinalized")),
                Arguments.of("settlement", "round the pool's balance down (in the trader's favour)",
                        "(pool[o] * pool[Other(o)] + otherAfter - 1) \\div otherAfter",
                        "(pool[o] * pool[Other(o)]) \\div otherAfter", List.of("PoolProductNeverDrops")),
                Arguments.of("settlement", "a failed batch keeps its payments",
                        "    /\\ cash' = snapshot\n", "    /\\ UNCHANGED cash\n",
                        List.of("I2_Conservation", "I10_ConsistentRollback")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("mutants")
    void plantedBugIsCaught(String spec, String bug, String from, String to, List<String> caughtBy) throws Exception {
        Path specs = Files.createDirectories(tmp.resolve("specs"));
        try (Stream<Path> files = Files.list(PackPaths.specs())) {
            for (Path f : files.toList()) {
                Files.copy(f, specs.resolve(f.getFileName()));
            }
        }
        Path tla = specs.resolve(spec + ".tla");
        String text = Files.readString(tla);
        assertEquals(text.indexOf(from), text.lastIndexOf(from), "mutation site must be unique");
        assertTrue(text.contains(from), "mutation site not found in " + spec + ".tla: " + from);
        Files.writeString(tla, text.replace(from, to));

        SpecCheck original = FormalPack.find(spec).orElseThrow();
        SpecCheck mutant = new SpecCheck(spec, true, original.deadlockIntended(), false, original.properties());
        TlcResult r = new TlcRunner(TlcJar.locate(null), 1, Duration.ofMinutes(3)).run(mutant, specs, tmp.resolve("work")).result();
        assertEquals("FAIL", r.outcome(), bug + ": TLC did not catch it");
        assertNotNull(r.violation());
        assertTrue(caughtBy.stream().anyMatch(p -> r.violation().contains(p + " is violated")),
                () -> bug + ": expected one of " + caughtBy + " violated, got: " + r.violation());
        assertTrue(r.counterexampleStates() > 0);
    }
}
