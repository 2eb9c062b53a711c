package io.mbp.cli.formal;

import picocli.CommandLine.Command;

@Command(name = "formal", mixinStandardHelpOptions = true,
        description = "Model-check the TLA+ specs with TLC and hold Java state machines to them (docs/formal.md).",
        subcommands = {FormalCheckCommand.class})
public final class FormalCommand {
}
