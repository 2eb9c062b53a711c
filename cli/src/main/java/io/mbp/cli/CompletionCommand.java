package io.mbp.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints a bash/zsh completion script: {@code source <(mbp completion)}. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print the bash/zsh completion script. Use: source <(mbp completion)")
public final class CompletionCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        String script = AutoComplete.bash("mbp", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
    }
}
