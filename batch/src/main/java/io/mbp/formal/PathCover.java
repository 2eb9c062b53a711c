package io.mbp.formal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Paths from an initial state that together take every transition of a state graph: greedy, each path
 * walks to the nearest untaken edge (breadth-first) and keeps going while untaken edges are near, up to
 * a length cap. Not minimal, but short and deterministic for a given graph.
 */
public final class PathCover {
    /** A walk: the initial state's id and the edges taken, in order. */
    public record Path(String start, List<DotGraph.Edge> steps) {
        public Path {
            steps = List.copyOf(steps);
        }
    }

    private PathCover() {
    }

    public static List<Path> cover(DotGraph g, int maxLength) {
        Set<DotGraph.Edge> untaken = new LinkedHashSet<>(g.edges());
        List<Path> paths = new ArrayList<>();
        for (String init : g.initial()) { // even an initial state with no way out is a path to check
            if (g.outgoing(init).isEmpty()) {
                paths.add(new Path(init, List.of()));
            }
        }
        while (!untaken.isEmpty()) {
            List<DotGraph.Edge> prefix = null;
            String start = null;
            for (String init : g.initial()) {
                List<DotGraph.Edge> p = toNearestUntaken(g, init, untaken);
                if (p != null && (prefix == null || p.size() < prefix.size())) {
                    prefix = p;
                    start = init;
                }
            }
            if (prefix == null) {
                break; // what is left is unreachable from every initial state
            }
            List<DotGraph.Edge> steps = new ArrayList<>(prefix);
            untaken.removeAll(prefix);
            String cur = steps.isEmpty() ? start : steps.get(steps.size() - 1).to();
            while (steps.size() < maxLength) {
                DotGraph.Edge next = null;
                for (DotGraph.Edge e : g.outgoing(cur)) {
                    if (untaken.contains(e)) {
                        next = e;
                        break;
                    }
                }
                if (next != null) {
                    steps.add(next);
                    untaken.remove(next);
                    cur = next.to();
                    continue;
                }
                List<DotGraph.Edge> hop = toNearestUntaken(g, cur, untaken);
                if (hop == null || hop.isEmpty() || steps.size() + hop.size() > maxLength) {
                    break;
                }
                steps.addAll(hop);
                untaken.removeAll(hop);
                cur = hop.get(hop.size() - 1).to();
            }
            paths.add(new Path(start, steps));
        }
        return paths;
    }

    /** Shortest edge list from {@code from} that ends by taking an untaken edge; null if none is reachable. */
    private static List<DotGraph.Edge> toNearestUntaken(DotGraph g, String from, Set<DotGraph.Edge> untaken) {
        Map<String, DotGraph.Edge> via = new HashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(from);
        seen.add(from);
        while (!queue.isEmpty()) {
            String n = queue.poll();
            for (DotGraph.Edge e : g.outgoing(n)) {
                if (untaken.contains(e)) {
                    List<DotGraph.Edge> path = new ArrayList<>();
                    path.add(e);
                    String back = n;
                    while (!back.equals(from)) {
                        DotGraph.Edge v = via.get(back);
                        path.add(0, v);
                        back = v.from();
                    }
                    return path;
                }
            }
            for (DotGraph.Edge e : g.outgoing(n)) {
                if (seen.add(e.to())) {
                    via.put(e.to(), e);
                    queue.add(e.to());
                }
            }
        }
        return null;
    }
}
