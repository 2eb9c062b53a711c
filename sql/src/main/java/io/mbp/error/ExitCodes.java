package io.mbp.error;

/** The exit codes every command shares (docs/architecture.md, docs/cli.md). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int UNEXPECTED = 1;
    public static final int USAGE = 2;
    public static final int VERIFICATION_FAILED = 3;
    public static final int BAD_INPUT = 4;
    public static final int UNREACHABLE = 5;

    private ExitCodes() {
    }
}
