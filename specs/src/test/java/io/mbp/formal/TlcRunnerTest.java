package io.mbp.formal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLC's verdicts as the pack reads them: each way a spec can go wrong fails the build. */
class TlcRunnerTest {
    @TempDir
    Path dir;

    private static final String COUNTER = """
            ---- MODULE %s ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            \\* counts up to 2, then stops: a deadlock unless one is intended
            Inc == x < 2 /\\ x' = x + 1
            Never == x > 5 /\\ x' = 0
            Next == Inc \\/ Never
            Small == x <= %d
            ====
            """;

    private TlcResult run(String name, String tla, String cfg, boolean expectViolation, boolean deadlockIntended) throws Exception {
        Path specs = Files.createDirectories(dir.resolve("specs"));
        Files.writeString(specs.resolve(name + ".tla"), tla);
        Files.writeString(specs.resolve(name + ".cfg"), cfg);
        SpecCheck s = new SpecCheck(name, expectViolation, deadlockIntended, false, List.of("Small"));
        return new TlcRunner(TlcJar.locate(null), 1, Duration.ofMinutes(1)).run(s, specs, dir.resolve("work")).result();
    }

    @Test
    void anInvariantViolationIsAFailWithItsName() throws Exception {
        TlcResult r = run("Viol", COUNTER.formatted("Viol", 1), "INIT Init\nNEXT Next\nINVARIANT Small\n", false, true);
        assertEquals("FAIL", r.outcome());
        assertEquals(12, r.exitCode());
        assertEquals("Invariant Small is violated.", r.violation());
        assertEquals(3, r.counterexampleStates());
        assertFalse(r.asExpected());
    }

    @Test
    void anUnintendedDeadlockIsAFail() throws Exception {
        TlcResult r = run("Dead", COUNTER.formatted("Dead", 9), "INIT Init\nNEXT Next\nINVARIANT Small\n", false, false);
        assertEquals("FAIL", r.outcome());
        assertEquals("Deadlock reached.", r.violation());
        assertFalse(r.asExpected());
    }

    @Test
    void anIntendedDeadlockPassesButADeadActionIsFlagged() throws Exception {
        TlcResult r = run("Ok", COUNTER.formatted("Ok", 9), "INIT Init\nNEXT Next\nINVARIANT Small\n", false, true);
        assertEquals("PASS", r.outcome());
        assertEquals(3, r.distinctStates());
        assertEquals(3, r.depth());
        assertEquals("2.18", r.tlcVersion());
        assertEquals(FormalPack.SEED, r.seed());
        assertEquals(List.of("Never"), r.deadActions(), "Never can never fire");
        assertFalse(r.asExpected(), "a PASS that never exercised an action is not trusted");
    }

    @Test
    void aParseErrorIsAnErrorNeverAPass() throws Exception {
        TlcResult r = run("Bad", "---- MODULE Bad ----\nVARIABLE x\nInit == x = \nNext == x' = x\n====\n",
                "INIT Init\nNEXT Next\n", false, true);
        assertEquals("ERROR", r.outcome());
        assertFalse(r.asExpected());
        assertNotNull(r.tlcVersion());
    }

    @Test
    void anExpectedFailThatPassesIsNotAsExpected() throws Exception {
        TlcResult r = run("Quiet", COUNTER.formatted("Quiet", 9).replace("\\/ Never", ""),
                "INIT Init\nNEXT Next\nINVARIANT Small\n", true, true);
        assertEquals("PASS", r.outcome());
        assertFalse(r.asExpected());
        assertTrue(r.command().contains("-deadlock"));
    }
}
