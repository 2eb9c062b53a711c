package io.mbp.formal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** On any graph, the cover is made of real walks from an initial state and takes every reachable edge. */
class PathCoverPropertiesTest {
    @Property(tries = 300)
    void coversEveryReachableEdgeWithValidWalks(@ForAll @IntRange(min = 1, max = 12) int n,
                                                @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 143) Integer> pairs) {
        StringBuilder dot = new StringBuilder("strict digraph DiskGraph {\n");
        for (int i = 0; i < n; i++) {
            dot.append(i).append(" [label=\"/\\\\ s = ").append(i).append('"').append(i == 0 ? ",style = filled" : "").append("]\n");
        }
        for (int p : pairs) {
            int from = (p / 12) % n;
            int to = (p % 12) % n;
            dot.append(from).append(" -> ").append(to).append(" [label=\"A").append(p % 3).append("\",color=\"black\"];\n");
        }
        dot.append("}\n");
        DotGraph g = DotGraph.parse(dot.toString(), "gen.dot");

        List<PathCover.Path> paths = PathCover.cover(g, 1000);
        Set<DotGraph.Edge> taken = new HashSet<>();
        for (PathCover.Path p : paths) {
            assertTrue(g.initial().contains(p.start()));
            String cur = p.start();
            for (DotGraph.Edge e : p.steps()) {
                assertEquals(cur, e.from(), "a path is a walk");
                assertTrue(g.outgoing(cur).contains(e));
                taken.add(e);
                cur = e.to();
            }
        }
        Set<String> reachable = new HashSet<>(g.initial());
        ArrayDeque<String> q = new ArrayDeque<>(g.initial());
        while (!q.isEmpty()) {
            for (DotGraph.Edge e : g.outgoing(q.poll())) {
                if (reachable.add(e.to())) {
                    q.add(e.to());
                }
            }
        }
        Set<DotGraph.Edge> reachableEdges = new HashSet<>();
        for (DotGraph.Edge e : g.edges()) {
            if (reachable.contains(e.from())) {
                reachableEdges.add(e);
            }
        }
        assertEquals(reachableEdges, taken);
    }
}
