package io.mbp.cli.gate;

import picocli.CommandLine.Command;

@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "The Go/No-Go decision of roadmap §1: seven gates evaluated from evidence (docs/gates.md).",
        subcommands = {GateCheckCommand.class})
public final class GateCommand {
}
