package io.mbp.cli;

import java.time.Clock;
import picocli.CommandLine.Option;

/** {@code --now TS}, as a mixin: the commands that log events or talk to the PSP can replay a sample day. */
public final class NowOption {
    @Option(names = "--now", paramLabel = "TS",
            description = "Run as if the clock read TS (UTC ISO-8601) at start, e.g. to replay a sample day.")
    String now;

    /** The run's clock {@code base}, started at {@code --now} when given (see {@link Clocks#startingAt}). */
    public Clock clock(Clock base) {
        return Clocks.startingAt(now, base);
    }
}
