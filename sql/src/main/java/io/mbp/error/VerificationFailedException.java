package io.mbp.error;

/** A check of stored or received data failed. Exit code {@value ExitCodes#VERIFICATION_FAILED}. */
public class VerificationFailedException extends MbpException {
    public VerificationFailedException(String message) {
        super(ExitCodes.VERIFICATION_FAILED, message);
    }

    public VerificationFailedException(String message, Throwable cause) {
        super(ExitCodes.VERIFICATION_FAILED, message, cause);
    }
}
