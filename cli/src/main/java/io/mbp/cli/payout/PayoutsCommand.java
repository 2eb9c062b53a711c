package io.mbp.cli.payout;

import picocli.CommandLine.Command;

@Command(name = "payouts", mixinStandardHelpOptions = true,
        description = {"Payouts over PIX: instruct, send with idempotent retries, follow states, MTTR.",
            "Instructions come from withdrawals (and, once wired, settlements); the instruction id is the",
            "PSP idempotency id, so nothing pays twice."},
        subcommands = {PayoutsRunCommand.class, PayoutsListCommand.class, PayoutsShowCommand.class,
            PayoutsRetryCommand.class, PayoutsMttrCommand.class, PayoutsStatementCommand.class})
public final class PayoutsCommand {
}
