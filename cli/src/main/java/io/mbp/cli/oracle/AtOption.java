package io.mbp.cli.oracle;

import io.mbp.cli.Clocks;
import io.mbp.cli.InstantConverter;
import java.time.Clock;
import java.time.Instant;
import picocli.CommandLine.Option;

/** {@code --at TS}, as a mixin: when an oracle registration, suspension or dispute happens (default: now). */
final class AtOption {
    @Option(names = "--at", paramLabel = "TS", converter = InstantConverter.class,
            description = "When it happens (ISO-8601 UTC; default: now).")
    Instant at;

    /** Fixed at {@code --at} when given, else {@code base} (see {@link Clocks#at}). */
    Clock clock(Clock base) {
        return Clocks.at(at, base);
    }
}
