package io.mbp.cli.dr;

import picocli.CommandLine.Command;

@Command(name = "dr", mixinStandardHelpOptions = true,
        description = "Disaster-recovery drills against a PostgreSQL primary and its streaming replica (docs/postgres.md, Replica).",
        subcommands = {PromoteDrillCommand.class})
public final class DrCommand {
}
