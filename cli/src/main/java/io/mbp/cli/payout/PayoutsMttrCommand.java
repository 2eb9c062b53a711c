package io.mbp.cli.payout;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.payout.PayoutService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "mttr", mixinStandardHelpOptions = true,
        description = {"Time from a payout's first failure to its confirmation, p50/p95 (nearest rank),",
            "over payouts confirmed from --from to --to inclusive (UTC dates). Seed target: p95 <= 4 h."})
public final class PayoutsMttrCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--from", required = true, paramLabel = "D") LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "D") LocalDate to;

    /** Durations in milliseconds; {@code p95_within_4h} is {@link PayoutService.Mttr#targetMet()}. */
    record Result(String from, String to, int samples, Long p50Ms, Long p95Ms, Long maxMs,
                  @JsonProperty("p95_within_4h") boolean p95Within4h) implements TextResult {
        static Result of(LocalDate from, LocalDate to, PayoutService.Mttr m) {
            return new Result(from.toString(), to.toString(), m.samples(), ms(m.p50()), ms(m.p95()), ms(m.max()), m.targetMet());
        }

        private static Long ms(Duration d) {
            return d == null ? null : d.toMillis();
        }

        @Override
        public void printText(PrintWriter out) {
            if (samples == 0) {
                out.println("mttr " + from + ".." + to + ": no payout failed and then confirmed in the range");
            } else {
                out.printf("mttr %s..%s: %d recovered payouts, p50 %s, p95 %s, max %s (target p95 <= %s: %s)%n", from, to, samples,
                        Duration.ofMillis(p50Ms), Duration.ofMillis(p95Ms), Duration.ofMillis(maxMs), PayoutService.Mttr.TARGET_P95,
                        p95Within4h ? "met" : "MISSED");
            }
        }
    }

    @Override
    public Integer call() {
        try (Database db = ctx.database()) {
            return ctx.render(Result.of(from, to, new PayoutService(db, ctx.clock()).mttr(from, to)));
        }
    }
}
