package io.mbp.error;

/** Input was refused; nothing was written. Exit code {@value ExitCodes#BAD_INPUT}. */
public class BadInputException extends MbpException {
    public BadInputException(String message) {
        super(ExitCodes.BAD_INPUT, message);
    }

    public BadInputException(String message, Throwable cause) {
        super(ExitCodes.BAD_INPUT, message, cause);
    }
}
