package io.mbp.jobs;

/**
 * One step of a batch job. A step must be idempotent for its business date: running it again
 * after a crash or with --force may redo work but never duplicates events, payouts or anchors.
 */
public interface Step {
    /** Stable name, stored in the job repository; renaming it re-runs the step on old dates. */
    String name();

    /** Does the work; refuses with an {@link io.mbp.error.MbpException} carrying the exit code. */
    StepOutcome run(StepContext context);
}
