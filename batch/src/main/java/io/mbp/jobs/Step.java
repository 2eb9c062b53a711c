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

    /**
     * Whether several workers may run this step for one date at once, each taking a share of its items
     * with claims (on PostgreSQL, docs/adr/0310): a second nightly that finds the lock held joins these
     * steps and leaves the others to the holder. False unless the step claims its items.
     */
    default boolean splittable() {
        return false;
    }
}
