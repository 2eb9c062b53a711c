package io.mbp.jobs;

import io.mbp.error.MbpException;

/** Another run holds the job's lock (exit 75); this run wrote nothing. */
public class JobLockedException extends MbpException {
    public JobLockedException(String message) {
        super(JobExitCodes.LOCKED, message);
    }
}
