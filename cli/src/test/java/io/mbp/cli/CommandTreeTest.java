package io.mbp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.anchor.VerifyAnchorCommand;
import io.mbp.cli.custody.SealCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command line that names one top-level command gets a root with that command alone (docs/adr/0150), and
 * that command's subtree is the one the whole tree holds: the same usage text for every command and
 * subcommand. Anything not plain gets the whole tree.
 */
class CommandTreeTest {
    private static final CommandSpec ROOT = new CommandLine(new Main()).getCommandSpec();

    private static Class<?> named(String... args) {
        return CommandTree.named(ROOT, args);
    }

    @Test
    void theCommandAfterTheRootsOwnOptionsIsTheOnlyOneBuilt() {
        assertEquals(VerifyAnchorCommand.class, named("verify-anchor", "--proof", "p.json", "--pubkey", "k"));
        assertEquals(VerifyAnchorCommand.class, named("--db", "jdbc:h2:mem:x", "--json", "verify-anchor", "--offline"));
        assertEquals(VerifyAnchorCommand.class, named("--db=jdbc:h2:mem:x", "--metrics-dir", "m", "verify-anchor"));
        // an option's value is not a command name, even when it spells one
        assertEquals(SealCommand.class, named("--db", "verify-anchor", "seal"));
        assertEquals(Set.of("verify-anchor"), CommandTree.of(new String[] {"--json", "verify-anchor", "--offline"})
                .getSubcommands().keySet());
    }

    @Test
    void anythingNotPlainGetsTheWholeTree() {
        for (String[] args : new String[][] {{}, {"--help"}, {"--help", "verify-anchor"}, {"-V", "seal"}, {"--json"},
            {"help", "verify-anchor"}, {"completion"}, {"jobs", "restart", "1"}, {"verify-anchr"}, {"--jsn", "verify-anchor"},
            {"--", "verify-anchor"}, {"@args.txt"}, {"-hV", "verify-anchor"}}) {
            assertNull(named(args), String.join(" ", args));
        }
        assertEquals(Main.COMMANDS.size(), CommandTree.of(new String[] {"--help"}).getSubcommands().size());
    }

    @Test
    void eachCommandsSubtreeIsTheOneOfTheWholeTree() {
        Map<String, CommandLine> whole = CommandTree.of(new String[0]).getSubcommands();
        for (Map.Entry<String, CommandLine> e : whole.entrySet()) {
            if (CommandTree.WHOLE_TREE.contains(e.getKey())) {
                continue;
            }
            CommandLine lean = CommandTree.of(new String[] {e.getKey()});
            assertEquals(Set.of(e.getKey()), lean.getSubcommands().keySet());
            assertSameUsage(e.getValue(), lean.getSubcommands().get(e.getKey()));
        }
    }

    @Test
    void aLeanRootStillParsesTheInheritedGlobalOptionsAfterTheCommand() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // an unreadable proof is exit 4 whichever tree; --json after the command is the root's inherited option
        int code = Main.run(new String[] {"verify-anchor", "--proof", "/nonexistent/p.json", "--pubkey", "/nonexistent/k",
            "--offline", "--json"}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(4, code, err.toString());
        assertTrue(err.toString().contains("--proof"), err.toString());
    }

    private static void assertSameUsage(CommandLine whole, CommandLine lean) {
        assertEquals(whole.getCommandSpec().qualifiedName(), lean.getCommandSpec().qualifiedName());
        assertEquals(whole.getUsageMessage(), lean.getUsageMessage(), whole.getCommandSpec().qualifiedName());
        assertEquals(whole.getSubcommands().keySet(), lean.getSubcommands().keySet());
        for (Map.Entry<String, CommandLine> e : whole.getSubcommands().entrySet()) {
            assertSameUsage(e.getValue(), lean.getSubcommands().get(e.getKey()));
        }
    }
}
