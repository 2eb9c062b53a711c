package io.mbp.cli.chaos;

import io.mbp.chaos.Check;
import io.mbp.chaos.GameDay;
import io.mbp.chaos.ScenarioSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One game day in progress: where it may write, the bounds it was given, and what it has seen so far. */
final class Trial {
    /** Thrown by {@link #abort} and {@link #skip}: the scenario stops and the game day is recorded as it stands. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop(String reason) {
            super(reason, null, false, false);
        }
    }

    record Bounds(double seconds, int clients, int size) {
    }

    private final Path scratch;
    private final Clock clock;
    private final Bounds bounds;
    private final List<Check> checks = new ArrayList<>();
    private final Map<String, String> measurements = new LinkedHashMap<>();
    private String abortReason;
    private String skipReason;

    Trial(Path scratch, Clock clock, Bounds bounds) {
        this.scratch = scratch;
        this.clock = clock;
        this.bounds = bounds;
    }

    Path scratch() {
        return scratch;
    }

    Clock clock() {
        return clock;
    }

    Bounds bounds() {
        return bounds;
    }

    /** Records a check; a failed steady-state check before injection aborts (nothing is injected into an unhealthy system). */
    boolean check(Check.Phase phase, String name, boolean passed, String observed) {
        checks.add(new Check(phase, name, passed, observed));
        if (!passed && phase == Check.Phase.BEFORE) {
            abort("steady state did not hold before injection: " + name + " (" + observed + ")");
        }
        return passed;
    }

    void measure(String name, Object value) {
        measurements.put(name, String.valueOf(value));
    }

    /** The abort condition fired: stop now. */
    void abort(String reason) {
        abortReason = reason;
        throw new Stop(reason);
    }

    /** The game day itself broke (a daemon that would not start, say): recorded as ABORTED with the cause. */
    void broke(Exception e) {
        if (abortReason == null && skipReason == null) {
            abortReason = "the game day could not continue: " + (e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** The scenario cannot run here (a missing capability): stop, recorded as SKIPPED. */
    void skip(String reason) {
        skipReason = reason;
        throw new Stop(reason);
    }

    GameDay finish(ScenarioSpec spec, Instant started) {
        return new GameDay(spec, started, clock.instant(), checks, measurements, abortReason, skipReason);
    }
}
