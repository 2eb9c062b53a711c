package io.mbp.cli;

import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command needs besides its own options, as a picocli mixin ({@code @Mixin CommandContext ctx}):
 * the database named by the global {@code --db}, the clock, and the one output path. A command binds
 * its options, calls one service, and hands the service's result record to {@link #render}.
 * ({@code @Command} only so picocli accepts it as a mixin: it declares no option of its own.)
 */
@Command
public final class CommandContext {
    @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    /** The global options ({@code --db}, {@code --json}, {@code --verbose}) of this run. */
    public GlobalOptions global() {
        return Globals.of(mixee);
    }

    /** Opens and migrates the database of {@code --db}/{@code MBP_DB}; the caller closes it. */
    public Database database() {
        return Database.openMigrated(global().dbUrl());
    }

    /** The clock commands read (once per command): the system's, or a test's ({@link CliClock}). */
    public Clock clock() {
        return CliClock.get();
    }

    public boolean json() {
        return global().json();
    }

    public PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    public PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    /**
     * Writes {@code result} to stdout: with {@code --json} as one JSON document through Jackson
     * (record components in snake_case, see {@link Render}), otherwise as the text the result
     * gives ({@link TextResult}). Returns exit code 0 so a command can end with {@code return ctx.render(r);}.
     */
    public int render(Object result) {
        PrintWriter out = out();
        if (json()) {
            Render.json(out, result);
        } else if (result instanceof TextResult t) {
            t.printText(out);
            out.flush();
        } else {
            Render.json(out, result);
        }
        return 0;
    }
}
