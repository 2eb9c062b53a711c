package io.mbp.jobs;

/**
 * Exit codes a batch job adds for cron, beyond the project's 0-5 (sysexits.h values, so
 * monitoring that knows sysexits reads them right).
 */
public final class JobExitCodes {
    /** EX_UNAVAILABLE: the inputs for the business date are not there yet; try later. */
    public static final int DATA_NOT_READY = 69;
    /** EX_TEMPFAIL: another run holds the job lock; this one did nothing. */
    public static final int LOCKED = 75;

    private JobExitCodes() {
    }
}
