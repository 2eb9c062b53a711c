package io.mbp.cli.events;

import picocli.CommandLine.Command;

@Command(name = "events", mixinStandardHelpOptions = true, description = "Append to, read and summarize the event log.",
        subcommands = {AppendCommand.class, ExportCommand.class, TailCommand.class, StatsCommand.class})
public final class EventsCommand {
}
