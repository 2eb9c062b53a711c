package io.mbp.cli;

import io.mbp.error.UsageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The clock a command decides at, from its time option and the run's clock ({@link CommandContext#clock()}):
 * {@code --at TS} fixes it at TS (a decision "as of"), {@code --now TS} starts it at TS and lets it run
 * (a replay of a sample day that still waits between retries).
 */
public final class Clocks {
    private Clocks() {
    }

    /** {@code --at}: the fixed instant when given, else {@code base}. */
    public static Clock at(Instant at, Clock base) {
        return at == null ? base : Clock.fixed(at, ZoneOffset.UTC);
    }

    /** {@code --now}: {@code base} moved so that it reads {@code now} at this moment; {@code base} when absent. */
    public static Clock startingAt(String now, Clock base) {
        if (now == null) {
            return base;
        }
        try {
            Instant t = Instant.parse(now);
            return Clock.offset(base, Duration.between(base.instant(), t));
        } catch (DateTimeParseException e) {
            throw new UsageException("--now must be a UTC timestamp like 2026-11-27T20:00:00Z, got " + now);
        }
    }
}
