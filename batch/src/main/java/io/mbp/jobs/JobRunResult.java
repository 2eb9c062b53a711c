package io.mbp.jobs;

import java.util.List;

/**
 * The outcome of one `run`: the execution (null when nothing ran, or when this run joined another),
 * steps run and skipped, and {@code joined}: the lock holder whose run of the date this one joined
 * (its splittable steps only), null when this run held the lock.
 */
public record JobRunResult(String job, String businessDate, Long executionId, boolean alreadyCompleted,
                           List<String> ran, List<String> skipped, String joined) {
    public JobRunResult {
        ran = List.copyOf(ran);
        skipped = List.copyOf(skipped);
    }
}
