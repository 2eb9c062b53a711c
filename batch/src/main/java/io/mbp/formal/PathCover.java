package io.mbp.formal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Paths from an initial state that together take every reachable transition of a state graph.
 * Each path starts with the shortest way (breadth-first tree, computed once) to the shallowest edge
 * not yet taken, takes it, then keeps walking along untaken edges — hopping a few steps through taken
 * ones when that reaches more — until it is stuck or at the length cap. Not minimal, but linear in the
 * graph's size in practice and deterministic for a given graph (order of the dot file).
 */
public final class PathCover {
    /** How far (in states visited) a path looks for more untaken edges before it ends. */
    private static final int HOP_SEARCH_LIMIT = 256;

    /** A walk: the initial state's id and the edges taken, in order. */
    public record Path(String start, List<DotGraph.Edge> steps) {
        public Path {
            steps = List.copyOf(steps);
        }
    }

    private PathCover() {
    }

    public static List<Path> cover(DotGraph g, int maxLength) {
        // Breadth-first tree from every initial state: the shortest way to reach each state.
        Map<String, DotGraph.Edge> parent = new HashMap<>();
        Map<String, String> rootOf = new HashMap<>();
        Map<String, Integer> depth = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        for (String init : g.initial()) {
            if (rootOf.putIfAbsent(init, init) == null) {
                depth.put(init, 0);
                queue.add(init);
            }
        }
        while (!queue.isEmpty()) {
            String n = queue.poll();
            for (DotGraph.Edge e : g.outgoing(n)) {
                if (!rootOf.containsKey(e.to())) {
                    rootOf.put(e.to(), rootOf.get(n));
                    parent.put(e.to(), e);
                    depth.put(e.to(), depth.get(n) + 1);
                    queue.add(e.to());
                }
            }
        }
        // Untaken reachable edges, shallowest source first, so each new path starts near an initial state.
        List<DotGraph.Edge> order = new ArrayList<>();
        for (DotGraph.Edge e : g.edges()) {
            if (rootOf.containsKey(e.from())) {
                order.add(e);
            }
        }
        order.sort(Comparator.comparingInt(e -> depth.get(e.from()))); // stable: ties keep the dot file's order
        Set<DotGraph.Edge> untaken = new LinkedHashSet<>(order);

        List<Path> paths = new ArrayList<>();
        for (String init : g.initial()) { // an initial state with no way out is still a state to check
            if (g.outgoing(init).isEmpty()) {
                paths.add(new Path(init, List.of()));
            }
        }
        while (!untaken.isEmpty()) {
            DotGraph.Edge first = untaken.iterator().next();
            List<DotGraph.Edge> steps = new ArrayList<>();
            for (String n = first.from(); parent.containsKey(n); n = parent.get(n).from()) {
                steps.add(parent.get(n));
            }
            Collections.reverse(steps);
            steps.add(first);
            untaken.removeAll(steps);
            String cur = first.to();
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
                List<DotGraph.Edge> hop = nearbyUntaken(g, cur, untaken);
                if (hop == null || steps.size() + hop.size() > maxLength) {
                    break;
                }
                steps.addAll(hop);
                untaken.removeAll(hop);
                cur = hop.get(hop.size() - 1).to();
            }
            paths.add(new Path(rootOf.get(first.from()), steps));
        }
        return paths;
    }

    /** Shortest edge list from {@code from} ending with an untaken edge, searching a bounded neighbourhood. */
    private static List<DotGraph.Edge> nearbyUntaken(DotGraph g, String from, Set<DotGraph.Edge> untaken) {
        Map<String, DotGraph.Edge> via = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(from);
        seen.add(from);
        while (!queue.isEmpty() && seen.size() <= HOP_SEARCH_LIMIT) {
            String n = queue.poll();
            for (DotGraph.Edge e : g.outgoing(n)) {
                if (untaken.contains(e)) {
                    List<DotGraph.Edge> path = new ArrayList<>();
                    path.add(e);
                    for (String back = n; !back.equals(from); back = via.get(back).from()) {
                        path.add(0, via.get(back));
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
