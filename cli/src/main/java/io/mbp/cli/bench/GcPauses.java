package io.mbp.cli.bench;

/**
 * The daemon's collector pauses so far, from its /metrics ({@code jvm_gc_pause_seconds}, every collector and
 * cause summed): a window's difference says how much of it the daemon spent stopped (ADR 0158).
 */
record GcPauses(double pauses, double seconds) {
    /** The counters in {@code text}, a /metrics scrape; null when there is none. */
    static GcPauses parse(String text) {
        if (text == null) {
            return null;
        }
        double n = 0;
        double s = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("jvm_gc_pause_seconds_count{")) {
                n += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("jvm_gc_pause_seconds_sum{")) {
                s += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return new GcPauses(n, s);
    }

    /** "collector pauses in the window: …", {@code this} being the window's end and {@code start} its start. */
    String since(GcPauses start, double windowSeconds) {
        double n = pauses - start.pauses;
        double s = seconds - start.seconds;
        return String.format("collector pauses in the window: %.0f, %.0f ms in all (%.1f%% of it)%s", n, s * 1e3,
                100 * s / Math.max(1e-9, windowSeconds), n < 1 ? "" : String.format(", %.1f ms each", s * 1e3 / n));
    }
}
