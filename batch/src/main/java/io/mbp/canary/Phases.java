package io.mbp.canary;

import io.mbp.events.FieldException;
import java.util.ArrayList;
import java.util.List;

/** A canary's phases: percentages, strictly ascending within 1..100, the last one 100. */
public final class Phases {
    public static final List<Long> DEFAULT = List.of(5L, 10L, 20L, 100L);

    private Phases() {
    }

    static void check(String field, List<Long> phases) {
        if (phases.isEmpty() || phases.get(phases.size() - 1) != 100L) {
            throw new FieldException(field, "must end at 100, got " + phases);
        }
        long last = 0;
        for (Long p : phases) {
            if (p == null || p <= last || p > 100) {
                throw new FieldException(field, "must be ascending percentages within 1..100, got " + phases);
            }
            last = p;
        }
    }

    /** Parses "5,10,20,100". */
    public static List<Long> parse(String text) {
        List<Long> out = new ArrayList<>();
        for (String s : text.split(",", -1)) {
            try {
                out.add(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                throw new FieldException("phases", "must be comma-separated whole percentages such as 5,10,20,100, got \"" + text + "\"");
            }
        }
        check("phases", out);
        return List.copyOf(out);
    }

    /** The phase after {@code percent}, or -1 at the last. */
    static long next(List<Long> phases, long percent) {
        int i = phases.indexOf(percent);
        return i < 0 || i == phases.size() - 1 ? -1 : phases.get(i + 1);
    }
}
