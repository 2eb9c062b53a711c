package io.mbp.chaos;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished game day: its spec, timing, checks and measurements, and why it stopped early or did
 * not run ({@code abortReason}, {@code skipReason}: null when not).
 */
public record GameDay(ScenarioSpec spec, Instant started, Instant finished, List<Check> checks, Map<String, String> measurements,
                      String abortReason, String skipReason) {
    public GameDay {
        checks = List.copyOf(checks);
        measurements = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
    }

    /** SKIPPED, else ABORTED, else FAIL when any check failed, else PASS (a run without checks proves nothing: FAIL). */
    public Verdict verdict() {
        if (skipReason != null) {
            return Verdict.SKIPPED;
        }
        if (abortReason != null) {
            return Verdict.ABORTED;
        }
        if (checks.isEmpty() || checks.stream().anyMatch(c -> !c.passed())) {
            return Verdict.FAIL;
        }
        return Verdict.PASS;
    }

    public String reason() {
        return skipReason != null ? skipReason : abortReason;
    }
}
