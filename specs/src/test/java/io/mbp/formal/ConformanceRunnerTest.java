package io.mbp.formal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.formal.reference.DisputesReferenceAdapter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness catches a Java machine that strays from the spec, in each way it can stray. */
class ConformanceRunnerTest {
    @TempDir
    static Path work;
    static DotGraph graph;

    @BeforeAll
    static void dumpDisputesGraph() {
        SpecCheck disputes = FormalPack.find("disputes").orElseThrow();
        TlcRunner.Run run = new TlcRunner(TlcJar.locate(null), 1, Duration.ofMinutes(2)).run(disputes, PackPaths.specs(), work);
        assertEquals("PASS", run.result().outcome());
        graph = DotGraph.read(run.dot());
    }

    @Test
    void referenceModelConformsOnEveryTransition() {
        ConformanceReport r = ConformanceRunner.run(graph, new DisputesReferenceAdapter(), "reference");
        assertTrue(r.passed(), () -> String.join("\n", r.failures()));
        assertEquals(100.0, r.edgePct());
        assertEquals(r.edgesTotal(), r.edgesTaken());
    }

    /** Java lets a third dispute through after the committee is seized: the spec does not. */
    @Test
    void anActionJavaAllowsButTheSpecDoesNotIsAFailure() {
        SpecAdapter lenient = new Delegate(new DisputesReferenceAdapter()) {
            @Override
            public Set<String> enabledActions() {
                Set<String> a = new TreeSet<>(super.enabledActions());
                if (abstraction().vars().get("phase").equals("\"Committee\"")) {
                    a.add("Dispute");
                }
                return a;
            }
        };
        ConformanceReport r = ConformanceRunner.run(graph, lenient, "lenient");
        assertFalse(r.passed());
        assertTrue(r.failures().stream().anyMatch(f -> f.contains("Java allows [Dispute] which the spec does not")),
                () -> String.join("\n", r.failures()));
        assertTrue(r.edgePct() < 100.0, "paths through the committee stop at the disagreement");
    }

    /** Java refuses the committee timeout the spec requires. */
    @Test
    void anActionTheSpecAllowsButJavaRefusesIsAFailure() {
        SpecAdapter strict = new Delegate(new DisputesReferenceAdapter()) {
            @Override
            public Set<String> enabledActions() {
                Set<String> a = new TreeSet<>(super.enabledActions());
                a.remove("CommitteeTimeout");
                return a;
            }
        };
        ConformanceReport r = ConformanceRunner.run(graph, strict, "strict");
        assertFalse(r.passed());
        assertTrue(r.failures().stream().anyMatch(f -> f.contains("the spec allows [CommitteeTimeout] which Java refuses")),
                () -> String.join("\n", r.failures()));
    }

    /** The Java state after a step does not map onto the spec's: a wrong dispute count after escalation. */
    @Test
    void aStateThatDoesNotMapOntoTheSpecIsAFailure() {
        SpecAdapter miscounting = new Delegate(new DisputesReferenceAdapter()) {
            @Override
            public SpecState abstraction() {
                SpecState s = super.abstraction();
                if (!s.vars().get("phase").equals("\"Committee\"")) {
                    return s;
                }
                java.util.Map<String, String> v = new java.util.TreeMap<>(s.vars());
                v.put("disputes", "1");
                return new SpecState(v);
            }
        };
        ConformanceReport r = ConformanceRunner.run(graph, miscounting, "miscounting");
        assertFalse(r.passed());
        assertTrue(r.failures().stream().anyMatch(f -> f.contains("does not map onto the spec state: disputes: expected 2, got 1")),
                () -> String.join("\n", r.failures()));
    }

    /** Low coverage alone fails a run: an adapter that can never leave the initial state. */
    @Test
    void coverageBelow95PercentFails() {
        SpecAdapter stuck = new Delegate(new DisputesReferenceAdapter()) {
            @Override
            public void apply(String action, SpecState target) {
                throw new IllegalStateException("not implemented");
            }
        };
        ConformanceReport r = ConformanceRunner.run(graph, stuck, "stuck");
        assertFalse(r.passed());
        assertEquals(0, r.edgesTaken());
        assertTrue(r.failures().get(0).contains("Java refused Propose"), r.failures().get(0));
    }

    private static class Delegate implements SpecAdapter {
        private final SpecAdapter d;

        Delegate(SpecAdapter d) {
            this.d = d;
        }

        @Override
        public String spec() {
            return d.spec();
        }

        @Override
        public void reset(SpecState init) {
            d.reset(init);
        }

        @Override
        public Set<String> enabledActions() {
            return d.enabledActions();
        }

        @Override
        public void apply(String action, SpecState target) {
            d.apply(action, target);
        }

        @Override
        public SpecState abstraction() {
            return d.abstraction();
        }
    }
}
