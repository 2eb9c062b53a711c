package io.mbp.cli;

import java.time.Clock;

/**
 * The clock commands decide key ages (and stamp what they write) by: the system's, replaceable so
 * in-process tests can move it, e.g. 91 days ahead to see a key refused.
 */
public final class CliClock {
    private static volatile Clock clock = Clock.systemUTC();

    private CliClock() {
    }

    public static Clock get() {
        return clock;
    }

    /** For tests: the clock commands use from now on; {@code null} restores the system clock. */
    public static void useClock(Clock c) {
        clock = c == null ? Clock.systemUTC() : c;
    }
}
