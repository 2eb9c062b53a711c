package io.mbp.jobs;

/** Hears a job's progress: the CLI prints one line per step (cron) or draws a bar (terminal). */
public interface JobListener {
    default void jobStarted(String job, String date, long executionId, boolean resumed) {
    }

    default void stepSkipped(String step) {
    }

    default void stepStarted(String step, int index, int total) {
    }

    default void stepProgress(String step, long done) {
    }

    default void stepCompleted(String step, StepOutcome outcome, long millis) {
    }

    default void stepFailed(String step, String message, long millis) {
    }

    JobListener NONE = new JobListener() {
    };
}
