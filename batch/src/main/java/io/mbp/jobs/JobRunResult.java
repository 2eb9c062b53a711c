package io.mbp.jobs;

import java.util.List;

/** The outcome of one `run`: the execution (null when nothing ran), steps run and skipped. */
public record JobRunResult(String job, String businessDate, Long executionId, boolean alreadyCompleted,
                           List<String> ran, List<String> skipped) {
    public JobRunResult {
        ran = List.copyOf(ran);
        skipped = List.copyOf(skipped);
    }
}
