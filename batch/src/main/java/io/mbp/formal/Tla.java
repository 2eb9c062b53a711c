package io.mbp.formal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** TLC's printed form of values, for writing refinement mappings by hand. */
public final class Tla {
    private Tla() {
    }

    public static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A sequence {@code <<a, b>>} of already-printed values. */
    public static String seq(List<String> items) {
        return "<<" + String.join(", ", items) + ">>";
    }

    /** A record {@code [f |-> v, ...]}; TLC prints fields in name order. */
    public static String record(Map<String, String> fields) {
        return "[" + new TreeMap<>(fields).entrySet().stream()
                .map(e -> e.getKey() + " |-> " + e.getValue())
                .collect(Collectors.joining(", ")) + "]";
    }
}
