package io.mbp.cli.payout;

import picocli.CommandLine.Command;

@Command(name = "payouts", mixinStandardHelpOptions = true,
        description = {"Payouts over PIX: instruct from withdrawals (and settlements), send through the PSP with",
            "idempotent retries, follow each instruction's states, measure MTTR."},
        subcommands = {PayoutsRunCommand.class, PayoutsListCommand.class, PayoutsShowCommand.class,
            PayoutsRetryCommand.class, PayoutsMttrCommand.class, PayoutsStatementCommand.class})
public final class PayoutsCommand {
}
