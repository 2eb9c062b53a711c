package io.mbp.slo;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * One objective of a specs/slo file (docs/slo.md): {@code id} is "service-objective" (api-availability),
 * {@code bad} and {@code total} are PromQL with {@code {{.window}}} where each window goes, and the
 * error budget is {@code 1 - target}, exact (BigDecimal: no binary fraction in a threshold).
 */
public record SloSpec(String id, String service, String objective, String displayName, BigDecimal target, Duration window,
                      String bad, String total, boolean page, boolean ticket) {
    public static final String WINDOW = "{{.window}}";
    /** A subquery step for a window: a sixtieth of it, at least a minute (a 30-day subquery at 1m loads too many samples). */
    public static final String RESOLUTION = "{{.resolution}}";

    public BigDecimal budget() {
        return BigDecimal.ONE.subtract(target);
    }

    /** The window in whole days (the reader accepts only whole days, e.g. 30d). */
    public int windowDays() {
        return Math.toIntExact(window.toDays());
    }

    /** The query of the error ratio over {@code window} (a PromQL duration such as 5m). */
    public String errorRatio(String window) {
        return "(" + fill(bad, window) + ")\n/\n(" + fill(total, window) + ")";
    }

    private static String fill(String query, String window) {
        return query.replace(WINDOW, window).replace(RESOLUTION, resolution(window));
    }

    /** A sixtieth of a PromQL duration (5m, 6h, 30d, 3600s), in whole minutes, at least 1m. */
    public static String resolution(String window) {
        char unit = window.charAt(window.length() - 1);
        long n = Long.parseLong(window.substring(0, window.length() - 1));
        long seconds = n * switch (unit) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86_400;
            default -> throw new IllegalArgumentException("not a PromQL duration: " + window);
        };
        return Math.max(1, seconds / 60 / 60) + "m";
    }
}
