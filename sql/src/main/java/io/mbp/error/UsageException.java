package io.mbp.error;

/** The command was called wrongly. Exit code {@value ExitCodes#USAGE}. */
public class UsageException extends MbpException {
    public UsageException(String message) {
        super(ExitCodes.USAGE, message);
    }

    public UsageException(String message, Throwable cause) {
        super(ExitCodes.USAGE, message, cause);
    }
}
