package io.mbp.cli.oracle;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The clock a command decides at: {@code --at} when given, else the system clock. */
final class Clocks {
    private Clocks() {
    }

    static Clock at(Instant at) {
        return at == null ? Clock.systemUTC() : Clock.fixed(at, ZoneOffset.UTC);
    }
}
