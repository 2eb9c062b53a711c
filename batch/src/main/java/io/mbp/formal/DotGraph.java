package io.mbp.formal;

import io.mbp.error.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state graph TLC writes with {@code -dump dot,actionlabels F.dot}: nodes are states (label = the
 * conjunction {@code /\ var = value} of every variable), initial states are drawn {@code filled}, edges
 * carry the name of the action that took them. Stuttering edges (dashed, unlabelled) are dropped: they
 * are not transitions an implementation has to take.
 */
public final class DotGraph {
    private static final Pattern NODE = Pattern.compile("^(-?\\d+) \\[label=\"(.*)\"(,style = filled)?\\];?$");
    private static final Pattern EDGE = Pattern.compile("^(-?\\d+) -> (-?\\d+) \\[(.*)\\];$");
    private static final Pattern EDGE_LABEL = Pattern.compile("label=\"([^\"]*)\"");

    /** A transition of the spec. */
    public record Edge(String from, String to, String action) {
    }

    private final Map<String, SpecState> states;
    private final List<String> initial;
    private final List<Edge> edges;
    private final Map<String, List<Edge>> out;

    private DotGraph(Map<String, SpecState> states, List<String> initial, List<Edge> edges) {
        this.states = Collections.unmodifiableMap(states);
        this.initial = List.copyOf(initial);
        this.edges = List.copyOf(edges);
        Map<String, List<Edge>> o = new LinkedHashMap<>();
        for (String id : states.keySet()) {
            o.put(id, new ArrayList<>());
        }
        for (Edge e : edges) {
            o.get(e.from()).add(e);
        }
        this.out = o;
    }

    public static DotGraph read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read state graph " + file, e);
        }
    }

    public static DotGraph parse(String dot, String source) {
        Map<String, SpecState> states = new LinkedHashMap<>();
        List<String> initial = new ArrayList<>();
        Set<Edge> edges = new LinkedHashSet<>();
        String[] lines = dot.replace("\r\n", "\n").split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            Matcher e = EDGE.matcher(line);
            if (e.matches()) {
                Matcher l = EDGE_LABEL.matcher(e.group(3));
                if (l.find()) {
                    edges.add(new Edge(e.group(1), e.group(2), l.group(1)));
                } else if (!e.group(3).contains("dashed")) {
                    throw new BadInputException(source + " line " + (i + 1) + ": edge without an action label;"
                            + " dump the graph with -dump dot,actionlabels");
                }
                continue;
            }
            Matcher n = NODE.matcher(line);
            if (n.matches()) {
                try {
                    states.put(n.group(1), SpecState.parse(unescape(n.group(2))));
                } catch (IllegalArgumentException ex) {
                    throw new BadInputException(source + " line " + (i + 1) + ": " + ex.getMessage());
                }
                if (n.group(3) != null) {
                    initial.add(n.group(1));
                }
            }
        }
        for (Edge e : edges) {
            if (!states.containsKey(e.from()) || !states.containsKey(e.to())) {
                throw new BadInputException(source + ": edge " + e + " names a state that is not in the graph");
            }
        }
        if (initial.isEmpty()) {
            throw new BadInputException(source + ": no initial state (style = filled) in the graph");
        }
        return new DotGraph(states, initial, new ArrayList<>(edges));
    }

    /** Undoes dot's escaping of TLC's state text: {@code \\n} newline, {@code \\"} quote, {@code \\\\} backslash. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(++i);
                b.append(d == 'n' ? '\n' : d);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    public Map<String, SpecState> states() {
        return states;
    }

    public SpecState state(String id) {
        return states.get(id);
    }

    public List<String> initial() {
        return initial;
    }

    public List<Edge> edges() {
        return edges;
    }

    public List<Edge> outgoing(String id) {
        return out.getOrDefault(id, List.of());
    }
}
