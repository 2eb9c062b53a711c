package io.mbp.privacy;

import io.mbp.error.ExitCodes;
import io.mbp.error.MbpException;

/** The subject is in the cold tier (ADR 0706): its data is kept for a legal retention only and is not for day-to-day use. */
public final class SubjectArchivedException extends MbpException {
    private static final long serialVersionUID = 1L;

    public SubjectArchivedException(String subject) {
        super(ExitCodes.BAD_INPUT, "subject " + subject + " is archived (cold tier): its data is kept only for a legal"
                + " retention and is opened only to answer a data-subject request (`mbp privacy dsr export`)");
    }
}
