package io.mbp.cli.market;

import picocli.CommandLine.Command;

@Command(name = "market", mixinStandardHelpOptions = true,
        description = "Create, inspect, halt, settle and check prediction markets (FPMM pools on oracle events).",
        subcommands = {MarketCreateCommand.class, MarketListCommand.class, MarketShowCommand.class,
            MarketHaltCommand.class, MarketResumeCommand.class, MarketSettleCommand.class, MarketCheckCommand.class,
            MarketQualityCommand.class})
public final class MarketGroupCommand {
}
