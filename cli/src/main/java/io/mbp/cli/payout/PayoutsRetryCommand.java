package io.mbp.cli.payout;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.payout.PayoutService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Operator retry of a parked (or failed) payout, with the same idempotency id.")
public final class PayoutsRetryCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Parameters(paramLabel = "ID") String id;

    @Option(names = "--by", defaultValue = "${sys:user.name:-operator}", description = "Who retries (default: $USER).") String by;

    @Mixin RailOptions rail;

    @Mixin GateOptions gate;

    record Result(@JsonValue PayoutView payout) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println(payout.instructionId() + " is now " + payout.status() + " after attempt " + payout.attempt()
                    + (payout.e2eid() != null ? " (" + payout.e2eid() + ")" : payout.lastReason() != null ? ": " + payout.lastReason() : ""));
        }
    }

    @Override
    public Integer call() throws Exception {
        try (Database db = ctx.database()) {
            java.time.Clock clock = rail.clock(ctx.clock());
            return ctx.render(new Result(PayoutView.of(new PayoutService(db, clock).retry(id, by, rail.rail(),
                    d -> Thread.sleep(d.toMillis()), rail.policy(), gate.payees(db, clock, "mbp payouts retry by " + by)))));
        }
    }
}
