package io.mbp.error;

/**
 * An error whose message is meant for the person at the shell: it names the input, the line or
 * field, and what to do. The exit code follows docs/architecture.md so cron and scripts can branch on it.
 */
public class MbpException extends RuntimeException {
    private final int exitCode;

    public MbpException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public MbpException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
