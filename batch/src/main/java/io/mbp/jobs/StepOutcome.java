package io.mbp.jobs;

/** What a step did: items read, items written (events, payouts, files), a line for the log. */
public record StepOutcome(long read, long written, String message) {
    public static StepOutcome of(long read, long written, String message) {
        return new StepOutcome(read, written, message);
    }
}
