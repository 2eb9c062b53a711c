package io.mbp.formal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The build's model check: TLC on every spec of the pack (exactly the run {@code mbp formal check} does),
 * evidence written to {@code out/evidence/S19_formal_audit/}. A violation, an unintended deadlock, a parse
 * error, an action that never fires, or an expected-FAIL spec that passes fails the build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormalPackTest {
    private FormalAudit.Result result;

    @BeforeAll
    void runPack() {
        result = FormalAudit.run(new FormalAudit.Options(PackPaths.specs(), PackPaths.evidence(), PackPaths.work(),
                null, 1, Duration.ofMinutes(5), List.of(), FormalAudit.standardConformance()), System.err::println);
    }

    @TestFactory
    Stream<DynamicTest> everySpecChecksAsExpected() {
        return result.specs().stream().map(r -> DynamicTest.dynamicTest(r.spec() + " is " + r.expected(), () -> {
            assertTrue(r.asExpected(), () -> r.spec() + ": expected " + r.expected() + " but TLC said " + r.outcome()
                    + (r.violation() == null ? "" : " (" + r.violation() + ")") + ", dead actions " + r.deadActions()
                    + "; see " + result.evidenceDir().resolve(r.spec()).resolve("tlc.log"));
            assertEquals("2.18", r.tlcVersion());
            assertEquals(FormalPack.SEED, r.seed());
            assertTrue(r.distinctStates() > 0 && r.statesGenerated() >= r.distinctStates());
            assertTrue(r.depth() > 0);
        }));
    }

    @Test
    void theWholePackRanAndPassed() {
        assertEquals(FormalPack.standard().stream().map(SpecCheck::name).toList(),
                result.specs().stream().map(TlcResult::spec).toList());
        assertTrue(result.ok(), () -> FormalAudit.summaryText(result));
    }

    @Test
    void brokenMerkleSpecIsCaughtWithACounterexample() throws Exception {
        TlcResult broken = result.specs().stream().filter(r -> r.spec().equals("merkle_append_only_broken")).findFirst().orElseThrow();
        assertEquals("FAIL", broken.outcome());
        assertEquals("Invariant I11_AppendOnly is violated.", broken.violation());
        assertEquals(5, broken.counterexampleStates(), "append, checkpoint, rewrite, checkpoint (plus the initial state)");
        String trace = Files.readString(result.evidenceDir().resolve("merkle_append_only_broken/counterexample.txt"));
        assertTrue(trace.contains("RewriteHistory"), trace);
        TlcResult honest = result.specs().stream().filter(r -> r.spec().equals("merkle_append_only")).findFirst().orElseThrow();
        assertEquals("PASS", honest.outcome());
    }

    @Test
    void failoverIsCheckedForDeadlockAndOthersDeclareTheirsIntended() {
        for (TlcResult r : result.specs()) {
            boolean deadlockChecked = r.spec().equals("failover_modes");
            assertEquals(deadlockChecked, r.deadlockChecked(), r.spec());
            assertEquals(deadlockChecked, !r.command().contains("-deadlock"), r.spec());
        }
    }

    @TestFactory
    Stream<DynamicTest> productionEnginesConformWithAtLeast95PercentTransitionCoverage() {
        assertEquals(FormalAudit.standardConformance().stream().map(FormalAudit.Conformance::spec).toList(),
                result.conformance().stream().map(ConformanceReport::spec).toList(), "every wired spec was held to its Java code");
        return result.conformance().stream().map(c -> DynamicTest.dynamicTest(c.spec() + " <- " + c.javaModel(), () -> {
            assertTrue(c.passed(), () -> String.join("\n", c.failures()));
            assertTrue(c.edgePct() >= 95.0, "transition coverage " + c.edgePct());
            assertTrue(!c.javaModel().contains("reference"), "the evidence holds production code, not a model of it");
            assertTrue(Files.isRegularFile(result.evidenceDir().resolve("conformance/" + c.spec() + ".json")));
        }));
    }

    @Test
    void manifestListsEveryEvidenceFileWithItsHash() throws Exception {
        Path ev = result.evidenceDir();
        JsonNode m = new ObjectMapper().readTree(ev.resolve("manifest.json").toFile());
        Set<String> listed = new HashSet<>();
        for (JsonNode f : m.get("files")) {
            String path = f.get("path").asText();
            listed.add(path);
            Path file = ev.resolve(path);
            assertEquals(FormalAudit.sha256(file), f.get("sha256").asText(), path);
            assertEquals(Files.size(file), f.get("bytes").asLong(), path);
        }
        try (Stream<Path> walk = Files.walk(ev)) {
            Set<String> onDisk = new HashSet<>(walk.filter(Files::isRegularFile)
                    .map(p -> ev.relativize(p).toString().replace('\\', '/')).toList());
            onDisk.remove("manifest.json");
            assertEquals(onDisk, listed);
        }
        for (SpecCheck s : FormalPack.standard()) {
            assertTrue(listed.contains(s.name() + "/tlc.log"), s.name());
            assertTrue(listed.contains(s.name() + "/result.json"), s.name());
            assertTrue(listed.contains("tla/" + s.name() + ".tla"), s.name());
            assertTrue(listed.contains("tla/" + s.name() + ".cfg"), s.name());
        }
        assertTrue(listed.contains("disputes/state-graph.dot"));
        assertTrue(listed.contains("summary.json"));
        assertFalse(listed.contains("merkle_append_only/counterexample.txt"), "a passing spec has no counterexample");
    }
}
