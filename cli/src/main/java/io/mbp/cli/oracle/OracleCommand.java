package io.mbp.cli.oracle;

import picocli.CommandLine.Command;

@Command(name = "oracle", mixinStandardHelpOptions = true,
        description = {"The oracle: events to resolve, sources, reports, aggregation rounds with failover,",
            "proposals, disputes and finalization. See docs/oracle.md."},
        subcommands = {EventCommand.class, SourceCommand.class, CommitteeCommand.class, IngestCommand.class,
            AggregateCommand.class, FinalizeCommand.class, DisputeCommand.class, StatusCommand.class})
public final class OracleCommand {
}
