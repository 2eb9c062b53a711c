package io.mbp.error;

/**
 * An error whose message is meant for the person at the shell: it names the input, the line or
 * field, and what to do. The exit code follows docs/architecture.md so cron and scripts can branch on it.
 */
public class MbpException extends RuntimeException {
    private final int exitCode;
    private String subject;

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

    /**
     * Names, in domain words, the input the error is about ("statement", "operator-key-file", "psp"):
     * the domain does not know how a caller supplies it; the CLI maps the subject to its option and
     * adds that hint to the message.
     */
    public MbpException about(String subject) {
        this.subject = subject;
        return this;
    }

    /** The input the error is about (see {@link #about}), or null. */
    public String subject() {
        return subject;
    }
}
