package io.mbp.cli;

import picocli.CommandLine.Model.CommandSpec;

/** Reaches the global options (declared once on {@code mbp}, inherited by every subcommand). */
public final class Globals {
    private Globals() {
    }

    public static GlobalOptions of(CommandSpec spec) {
        Object root = spec.root().userObject();
        if (root instanceof Main m) {
            return m.global;
        }
        throw new IllegalStateException("command is not running under mbp");
    }
}
