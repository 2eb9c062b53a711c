package io.mbp.formal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.formal.adapters.FailoverAdapter;
import io.mbp.formal.adapters.HaltsAdapter;
import io.mbp.formal.adapters.OracleDisputesAdapter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production oracle and market engines, driven along TLC's state graphs of their specs. */
class WiredConformanceTest {
    @TempDir
    static Path work;

    static DotGraph graph(String spec) {
        SpecCheck check = FormalPack.find(spec).orElseThrow();
        TlcRunner.Run run = new TlcRunner(TlcJar.locate(null), 1, Duration.ofMinutes(2)).run(check, PackPaths.specs(), work);
        assertEquals("PASS", run.result().outcome(), run.result().toString());
        return DotGraph.read(run.dot());
    }

    static ConformanceReport conform(String spec, SpecAdapter adapter) {
        ConformanceReport r = ConformanceRunner.run(graph(spec), adapter, adapter.getClass().getSimpleName());
        System.out.printf("conformance %s: transitions %d/%d (%.2f%%), states %d/%d (%.2f%%)%n", spec, r.edgesTaken(),
                r.edgesTotal(), r.edgePct(), r.statesVisited(), r.statesTotal(), r.statePct());
        assertTrue(r.passed(), () -> String.join("\n", r.failures()));
        return r;
    }

    @Test
    void hysteresisFollowsFailoverModes() {
        ConformanceReport r = conform("failover_modes", new FailoverAdapter());
        assertEquals(r.edgesTotal(), r.edgesTaken());
    }

    @Test
    void oracleDisputeHandlingFollowsDisputes() {
        ConformanceReport r = conform("disputes", new OracleDisputesAdapter());
        assertEquals(r.edgesTotal(), r.edgesTaken());
    }

    @Test
    void marketHaltsFollowHaltsSemiSyncConformance() {
        ConformanceReport r = conform("halts_semi_sync_conformance", new HaltsAdapter());
        assertEquals(r.edgesTotal(), r.edgesTaken());
    }

    @Test
    void anEngineThatReopensMoreOftenThanTheSpecAllowsFails() {
        ConformanceReport r = ConformanceRunner.run(graph("halts_semi_sync_conformance"), new HaltsAdapter(2), "cap 2");
        assertTrue(!r.passed(), "a second re-opening out of Hard is a transition the spec does not allow");
        assertTrue(r.failures().stream().anyMatch(f -> f.contains("Relax")), () -> String.join("\n", r.failures()));
    }
}
