package io.mbp.cli.payout;

import io.mbp.cli.NowOption;
import io.mbp.error.UsageException;
import io.mbp.payout.HttpPixRail;
import io.mbp.payout.PixRail;
import io.mbp.payout.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How to reach the PSP and how hard to retry; shared by the commands that talk to it. */
public final class RailOptions {
    @Option(names = "--psp", paramLabel = "URL", required = true,
            description = "Base URL of the PSP (e.g. the simulator: http://127.0.0.1:8470).")
    String psp;

    @Option(names = "--timeout-ms", defaultValue = "2000", description = "Per-request timeout (default ${DEFAULT-VALUE}).") long timeoutMs;

    @Option(names = "--max-attempts", defaultValue = "6", description = "Attempts before parking (default ${DEFAULT-VALUE}).") int maxAttempts;

    @Option(names = "--backoff-base-ms", defaultValue = "200", description = "First backoff (default ${DEFAULT-VALUE}).") long baseMs;

    @Option(names = "--backoff-cap-ms", defaultValue = "5000", description = "Longest backoff (default ${DEFAULT-VALUE}).") long capMs;

    @Option(names = "--max-polls", defaultValue = "5",
            description = "Status polls for a pending (late) confirmation per run (default ${DEFAULT-VALUE}).")
    int maxPolls;

    @Option(names = "--parallel", defaultValue = "16",
            description = "Requests in flight at once; each wave's events are one group commit (default ${DEFAULT-VALUE}).")
    int parallel;

    @Mixin NowOption now;

    public PixRail rail() {
        return new HttpPixRail(psp, Duration.ofMillis(timeoutMs));
    }

    public RetryPolicy policy() {
        try {
            return new RetryPolicy(baseMs, capMs, maxAttempts, maxPolls);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public int parallel() {
        if (parallel < 1 || parallel > 256) {
            throw new UsageException("--parallel must be 1..256, got " + parallel);
        }
        return parallel;
    }

    /** The run's clock {@code base}, started at {@code --now} when given. */
    public Clock clock(Clock base) {
        return now.clock(base);
    }
}
