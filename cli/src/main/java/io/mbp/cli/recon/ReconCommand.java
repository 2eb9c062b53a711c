package io.mbp.cli.recon;

import picocli.CommandLine.Command;

@Command(name = "recon", mixinStandardHelpOptions = true,
        description = "D+1 reconciliation of the ledger against the PSP statement, and its exceptions.",
        subcommands = {ReconD1Command.class, ReconExceptionsCommand.class, ReconStreakCommand.class})
public final class ReconCommand {
}
