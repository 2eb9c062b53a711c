package io.mbp.cli.bench;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput on this machine (results belong in docs/benchmarks.md).",
        subcommands = {BenchEventsCommand.class, io.mbp.cli.market.BenchMarketCommand.class})
public final class BenchCommand {
}
