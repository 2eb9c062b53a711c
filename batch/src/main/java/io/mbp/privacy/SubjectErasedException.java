package io.mbp.privacy;

import io.mbp.error.ExitCodes;
import io.mbp.error.MbpException;

/** The subject's data key was destroyed (crypto-shredded): its personal data cannot be read by anyone any more. */
public final class SubjectErasedException extends MbpException {
    private static final long serialVersionUID = 1L;

    public SubjectErasedException(String subject) {
        super(ExitCodes.BAD_INPUT, "subject " + subject + " was erased (its data key was destroyed): its personal data"
                + " cannot be recovered");
    }
}
