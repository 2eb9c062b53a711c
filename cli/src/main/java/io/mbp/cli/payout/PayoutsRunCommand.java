package io.mbp.cli.payout;

import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.payout.PayoutService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import io.mbp.error.ExitCodes;
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

    @Mixin GateOptions gate;

    /** A payout the gate refused this run: account and reason only (no personal data). */
    record Refused(String instructionId, String account, long amount, String reason) {
    }

    record Result(String date, int instructed, int attempted, int confirmed, int pending, int parked, int failedAttempts,
                  long confirmedAmount, int returnsRecorded, List<Refused> refused) implements TextResult {
        static Result of(PayoutService.RunSummary s) {
            var r = s.report();
            return new Result(s.date().toString(), s.instructed(), r.attempted(), r.confirmed(), r.pending(), r.parked(),
                    r.failedAttempts(), r.confirmedAmount(), s.returns(), s.refused().stream()
                            .map(x -> new Refused(x.instructionId(), x.account(), x.amount(), x.reason())).toList());
        }

        @Override
        public void printText(PrintWriter out) {
            out.printf("payouts %s: %d newly instructed, %d sends, %d confirmed (%s), %d pending, %d parked,"
                    + " %d failed attempts retried or parked, %d returns recorded%n", date, instructed, attempted, confirmed,
                    Money.brl(confirmedAmount), pending, parked, failedAttempts, returnsRecorded);
            if (!refused.isEmpty()) {
                out.printf("%d payout(s) NOT sent, refused by the KYC gate or held by screening (they stay pending):%n",
                        refused.size());
                for (Refused x : refused) {
                    out.printf("  %s  %s  %s  %s%n", x.instructionId(), x.account(), Money.brl(x.amount()), x.reason());
                }
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        try (Database db = ctx.database()) {
            Clock clock = rail.clock(ctx.clock());
            Result r = Result.of(new PayoutService(db, clock).run(date, rail.rail(), d -> Thread.sleep(d.toMillis()),
                    rail.policy(), rail.parallel(), gate.payees(db, clock, "mbp payouts run")));
            int code = ctx.render(r);
            // exit 3: the run did its work, but some payouts were refused by the gate (ADR 0704)
            return code == 0 && !r.refused().isEmpty() ? ExitCodes.VERIFICATION_FAILED : code;
        }
    }
}
