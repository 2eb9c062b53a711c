package io.mbp.cli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mbp.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs {@code mbp} in-process the way a shell would, through {@link Main#run}, and captures what an
 * operator sees: the exit code, stdout and stderr. Every CLI test runs mbp through this one fixture
 * (ADR 0029), so a change to how mbp is started is made once.
 */
public final class Cli {
    private Cli() {
    }

    /** One run's exit code and captured output. */
    public record Run(int code, String out, String err) {
        /** Asserts exit 0 (naming the command and showing both streams otherwise) and returns stdout. */
        public String ok(String... args) {
            assertEquals(0, code, String.join(" ", args) + ": " + out + err);
            return out;
        }
    }

    /** {@code mbp args}. */
    public static Run mbp(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code mbp --db db args}. */
    public static Run mbpOn(String db, String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--db";
        full[1] = db;
        System.arraycopy(args, 0, full, 2, args.length);
        return mbp(full);
    }

    /** {@code mbp --db db args}, asserting exit 0; returns stdout. */
    public static String ok(String db, String... args) {
        return mbpOn(db, args).ok(args);
    }
}
