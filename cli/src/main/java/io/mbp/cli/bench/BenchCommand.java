package io.mbp.cli.bench;

import io.mbp.cli.oracle.BenchOracleCommand;
import io.mbp.cli.payout.BenchPayoutsCommand;
import io.mbp.cli.recon.BenchReconCommand;
import io.mbp.cli.screening.BenchScreeningCommand;
import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput on this machine (results belong in docs/benchmarks.md).",
        subcommands = {BenchEventsCommand.class, BenchMerkleCommand.class, BenchVerifyAnchorCommand.class,
            BenchOracleCommand.class, io.mbp.cli.market.BenchMarketCommand.class, BenchReconCommand.class,
            BenchPayoutsCommand.class, BenchEnginesCommand.class, BenchDaemonCommand.class,
            BenchScreeningCommand.class, BenchEvidenceCommand.class, BenchCommitLoopCommand.class})
public final class BenchCommand {
}
