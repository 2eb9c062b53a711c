package io.mbp.cli.dr;

import picocli.CommandLine.Command;

@Command(name = "dr", mixinStandardHelpOptions = true,
        description = "Disaster-recovery drills: backup and restore under load, or a PostgreSQL replica promoted (docs/runbooks/dr.md).",
        subcommands = {DrillCommand.class, PromoteDrillCommand.class})
public final class DrCommand {
}
