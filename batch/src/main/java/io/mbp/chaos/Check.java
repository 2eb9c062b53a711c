package io.mbp.chaos;

/** One observation of a game day: in which phase, what was checked, whether it held, and what was seen. */
public record Check(Phase phase, String name, boolean passed, String observed) {
    public enum Phase {
        BEFORE, DURING, AFTER;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code phase|name|pass|observed}, as {@link GameDayRecorded} keeps it. */
    public String line() {
        return phase.wire() + "|" + name + "|" + (passed ? "pass" : "fail") + "|" + observed;
    }
}
