package io.mbp.cli.payout;

import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.payout.PayoutService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Instruct payouts due on or before --date, send them (retrying with backoff, same id),",
            "poll late confirmations, record the day's devoluções. Safe to re-run: nothing pays twice."})
public final class PayoutsRunCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--date", required = true, paramLabel = "D", description = "Business date (yyyy-MM-dd).") LocalDate date;

    @Mixin RailOptions rail;

    record Result(String date, int instructed, int attempted, int confirmed, int pending, int parked, int failedAttempts,
                  long confirmedAmount, int returnsRecorded) implements TextResult {
        static Result of(PayoutService.RunSummary s) {
            var r = s.report();
            return new Result(s.date().toString(), s.instructed(), r.attempted(), r.confirmed(), r.pending(), r.parked(),
                    r.failedAttempts(), r.confirmedAmount(), s.returns());
        }

        @Override
        public void printText(PrintWriter out) {
            out.printf("payouts %s: %d newly instructed, %d sends, %d confirmed (%s), %d pending, %d parked,"
                    + " %d failed attempts retried or parked, %d returns recorded%n", date, instructed, attempted, confirmed,
                    Money.brl(confirmedAmount), pending, parked, failedAttempts, returnsRecorded);
        }
    }

    @Override
    public Integer call() throws Exception {
        try (Database db = ctx.database()) {
            return ctx.render(Result.of(new PayoutService(db, rail.clock(ctx.clock())).run(date, rail.rail(),
                    d -> Thread.sleep(d.toMillis()), rail.policy(), rail.parallel())));
        }
    }
}
