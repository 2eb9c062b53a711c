package io.mbp.jobs;

import java.util.List;

/** Read models of the job repository, for `mbp jobs list|show` and tests. */
public final class JobViews {
    private JobViews() {
    }

    public record Execution(long id, long instanceId, String jobName, String businessDate, JobStatus status,
                            boolean forced, String owner, String startedAt, String endedAt, Integer exitCode,
                            String exitMessage) {
    }

    public record StepRun(long id, long executionId, String stepName, JobStatus status, String startedAt,
                          String endedAt, long read, long written, String exitMessage) {
    }

    public record ExecutionDetail(Execution execution, List<StepRun> steps) {
    }
}
