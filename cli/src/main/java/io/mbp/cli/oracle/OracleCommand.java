package io.mbp.cli.oracle;

import picocli.CommandLine.Command;

@Command(name = "oracle", mixinStandardHelpOptions = true,
        description = {"Resolve oracle events: sources, reports, rounds, failover, disputes, finalization.",
            "See docs/oracle.md."},
        subcommands = {EventCommand.class, SourceCommand.class, CommitteeCommand.class, IngestCommand.class,
            AggregateCommand.class, FinalizeCommand.class, DisputeCommand.class, StatusCommand.class})
public final class OracleCommand {
}
