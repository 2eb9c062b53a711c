package io.mbp.formal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Drives a {@link SpecAdapter} along paths that cover a spec's state graph and checks refinement after
 * every step: the Java state must map onto the spec state the transition leads to, and Java must accept
 * exactly the actions the spec enables there. A path stops at its first disagreement; the others still run.
 */
public final class ConformanceRunner {
    /** Coverage the issue asks for: at least 95% of the spec's transitions driven through Java. */
    public static final double REQUIRED_EDGE_PCT = 95.0;
    private static final int MAX_PATH_LENGTH = 200;
    private static final int MAX_FAILURES_KEPT = 20;

    private ConformanceRunner() {
    }

    public static ConformanceReport run(DotGraph graph, SpecAdapter adapter, String javaModel) {
        List<PathCover.Path> paths = PathCover.cover(graph, MAX_PATH_LENGTH);
        Set<String> visited = new HashSet<>();
        Set<DotGraph.Edge> taken = new HashSet<>();
        List<String> failures = new ArrayList<>();
        int steps = 0;
        int enabledChecks = 0;
        int pathNo = 0;
        for (PathCover.Path path : paths) {
            pathNo++;
            String where = "path " + pathNo;
            try {
                SpecState init = graph.state(path.start());
                adapter.reset(init);
                if (!check(where + " initial state", init, adapter.abstraction(), failures)) {
                    continue;
                }
                visited.add(path.start());
                String cur = path.start();
                boolean ok = true;
                for (int i = 0; i < path.steps().size() && ok; i++) {
                    DotGraph.Edge e = path.steps().get(i);
                    enabledChecks++;
                    ok = checkEnabled(where + " step " + (i + 1), graph, cur, adapter.enabledActions(), failures);
                    if (!ok) {
                        break;
                    }
                    SpecState target = graph.state(e.to());
                    try {
                        adapter.apply(e.action(), target);
                    } catch (RuntimeException ex) {
                        failures.add(where + " step " + (i + 1) + ": Java refused " + e.action() + " in "
                                + graph.state(cur) + ": " + ex.getMessage());
                        break;
                    }
                    steps++;
                    ok = check(where + " step " + (i + 1) + " (" + e.action() + ")", target, adapter.abstraction(), failures);
                    if (ok) {
                        taken.add(e);
                        visited.add(e.to());
                        cur = e.to();
                    }
                }
                if (ok && path.steps().size() > 0) { // the last state's enabled actions are checked too
                    enabledChecks++;
                    checkEnabled(where + " end", graph, cur, adapter.enabledActions(), failures);
                }
            } catch (RuntimeException ex) {
                failures.add(where + ": adapter failed: " + ex);
            }
        }
        double statePct = pct(visited.size(), graph.states().size());
        double edgePct = pct(taken.size(), graph.edges().size());
        List<String> kept = failures.size() > MAX_FAILURES_KEPT ? failures.subList(0, MAX_FAILURES_KEPT) : failures;
        if (failures.size() > MAX_FAILURES_KEPT) {
            kept = new ArrayList<>(kept);
            kept.add("... and " + (failures.size() - MAX_FAILURES_KEPT) + " more");
        }
        return new ConformanceReport(adapter.spec(), javaModel, graph.states().size(), visited.size(),
                graph.edges().size(), taken.size(), statePct, edgePct, REQUIRED_EDGE_PCT, paths.size(), steps,
                enabledChecks, kept, failures.isEmpty() && edgePct >= REQUIRED_EDGE_PCT);
    }

    private static boolean check(String where, SpecState expected, SpecState actual, List<String> failures) {
        if (expected.equals(actual)) {
            return true;
        }
        failures.add(where + ": Java state does not map onto the spec state: " + expected.diff(actual));
        return false;
    }

    private static boolean checkEnabled(String where, DotGraph g, String node, Set<String> java, List<String> failures) {
        Set<String> spec = new TreeSet<>();
        for (DotGraph.Edge e : g.outgoing(node)) {
            spec.add(e.action());
        }
        Set<String> extra = new TreeSet<>(java);
        extra.removeAll(spec);
        Set<String> missing = new TreeSet<>(spec);
        missing.removeAll(java);
        if (extra.isEmpty() && missing.isEmpty()) {
            return true;
        }
        StringBuilder b = new StringBuilder(where).append(" in ").append(g.state(node)).append(":");
        if (!extra.isEmpty()) {
            b.append(" Java allows ").append(extra).append(" which the spec does not;");
        }
        if (!missing.isEmpty()) {
            b.append(" the spec allows ").append(missing).append(" which Java refuses;");
        }
        failures.add(b.toString());
        return false;
    }

    private static double pct(int part, int whole) {
        return whole == 0 ? 100.0 : Math.round(10000.0 * part / whole) / 100.0;
    }
}
