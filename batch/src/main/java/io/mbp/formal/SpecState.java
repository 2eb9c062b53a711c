package io.mbp.formal;

import java.util.Map;
import java.util.TreeMap;

/**
 * One state of a spec: each variable's value as TLC prints it ({@code "Proposed"}, {@code 3},
 * {@code <<[answer |-> "yes", via |-> "committee"]>>}), whitespace collapsed so that TLC's line breaks
 * in long values do not matter. A refinement mapping produces one of these from a Java state; two
 * states are equal when every variable's text is.
 */
public record SpecState(Map<String, String> vars) {
    public SpecState {
        TreeMap<String, String> sorted = new TreeMap<>();
        vars.forEach((k, v) -> sorted.put(k, normalize(v)));
        vars = java.util.Collections.unmodifiableMap(sorted);
    }

    /** Parses TLC's state text: {@code /\ x = 1} conjuncts, one per variable. */
    public static SpecState parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty state");
        }
        if (!t.startsWith("/\\ ")) { // a spec with a single variable prints "x = 1" alone
            t = "/\\ " + t;
        }
        Map<String, String> vars = new TreeMap<>();
        for (String conj : t.substring(3).split("\n\\s*/\\\\ ")) {
            int eq = conj.indexOf(" = ");
            if (eq <= 0) {
                throw new IllegalArgumentException("cannot read state conjunct \"" + conj + "\"");
            }
            vars.put(conj.substring(0, eq).strip(), conj.substring(eq + 3));
        }
        return new SpecState(vars);
    }

    public static Builder builder() {
        return new Builder();
    }

    static String normalize(String v) {
        return v.strip().replaceAll("\\s+", " ");
    }

    /** Variables whose values differ, as "var: spec=... java=...", for failure messages. */
    public String diff(SpecState other) {
        StringBuilder b = new StringBuilder();
        TreeMap<String, String> all = new TreeMap<>(vars);
        other.vars.forEach(all::putIfAbsent);
        for (String k : all.keySet()) {
            String a = vars.get(k);
            String o = other.vars.get(k);
            if (a == null || !a.equals(o)) {
                b.append(b.length() == 0 ? "" : "; ").append(k).append(": expected ").append(a).append(", got ").append(o);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        vars.forEach((k, v) -> b.append(b.length() == 0 ? "" : " /\\ ").append(k).append(" = ").append(v));
        return b.toString();
    }

    /** Writes values the way TLC prints them, for refinement mappings. */
    public static final class Builder {
        private final Map<String, String> vars = new TreeMap<>();

        public Builder str(String var, String value) {
            vars.put(var, Tla.str(value));
            return this;
        }

        public Builder num(String var, long value) {
            vars.put(var, Long.toString(value));
            return this;
        }

        public Builder bool(String var, boolean value) {
            vars.put(var, value ? "TRUE" : "FALSE");
            return this;
        }

        public Builder raw(String var, String tlaValue) {
            vars.put(var, tlaValue);
            return this;
        }

        public SpecState build() {
            return new SpecState(vars);
        }
    }
}
