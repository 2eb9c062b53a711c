package io.mbp.jobs;

import io.mbp.error.MbpException;

/** A step's inputs for the business date are not available yet (exit 69). Re-run later. */
public class DataNotReadyException extends MbpException {
    public DataNotReadyException(String message) {
        super(JobExitCodes.DATA_NOT_READY, message);
    }
}
