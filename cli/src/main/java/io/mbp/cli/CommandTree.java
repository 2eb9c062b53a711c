package io.mbp.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The picocli tree one command line needs (docs/adr/0150). picocli builds a command's model eagerly: every
 * subcommand of every group is instantiated and its annotations reflected on (some 180 classes of ours), and
 * instantiating them runs their static initialisers, one of which asks Log4j2 for a logger, which reads its
 * XML configuration. A one-shot command such as `mbp verify-anchor` paid for all of it on every start.
 *
 * <p>So the root {@code mbp} gets only the top-level command its arguments name. It gets the whole tree
 * whenever that is not plain: no command named (`mbp --help`, `mbp --version`, `mbp`), a name that is not
 * a command (so picocli's "did you mean" still sees them all), anything before the name that is not one of
 * the root's own options ({@code @file} arguments, {@code --}, a typo), the root's --help or --version before
 * it (they print the whole list), and the commands that read the tree
 * themselves ({@link #WHOLE_TREE}). What a command parses, prints and returns is the same either way: its own
 * subtree is built exactly as before, under the same root.
 */
final class CommandTree {
    /** Commands that walk the root's other commands: help, the completion script, `jobs restart` (runs nightly). */
    static final Set<String> WHOLE_TREE = Set.of("help", "completion", "jobs");

    private CommandTree() {
    }

    /** The root command with the top-level commands {@code args} may reach. */
    static CommandLine of(String[] args) {
        CommandLine root = new CommandLine(new Main());
        Class<?> named = named(root.getCommandSpec(), args);
        for (Class<?> c : named == null ? Main.COMMANDS : List.of(named)) {
            root.addSubcommand(c);
        }
        return root;
    }

    /** The one top-level command {@code args} name after the root's own options, or null for the whole tree. */
    static Class<?> named(CommandSpec root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("@") || "--".equals(a)) {
                return null;
            }
            if (a.startsWith("-")) {
                int eq = a.indexOf('=');
                OptionSpec o = root.findOption(eq < 0 ? a : a.substring(0, eq));
                if (o == null || o.usageHelp() || o.versionHelp()) {
                    return null;
                }
                if (eq < 0 && o.arity().max() > 0) {
                    i++;
                }
                continue;
            }
            return WHOLE_TREE.contains(a) ? null : command(a);
        }
        return null;
    }

    private static Class<?> command(String name) {
        for (Class<?> c : Main.COMMANDS) {
            Command cmd = c.getAnnotation(Command.class);
            if (cmd != null && (cmd.name().equals(name) || List.of(cmd.aliases()).contains(name))) {
                return c;
            }
        }
        return null;
    }
}
