package io.mbp.error;

/** A database, chain or service could not be reached. Exit code {@value ExitCodes#UNREACHABLE}. */
public class InfrastructureException extends MbpException {
    public InfrastructureException(String message) {
        super(ExitCodes.UNREACHABLE, message);
    }

    public InfrastructureException(String message, Throwable cause) {
        super(ExitCodes.UNREACHABLE, message, cause);
    }
}
