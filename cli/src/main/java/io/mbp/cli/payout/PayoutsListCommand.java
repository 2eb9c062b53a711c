package io.mbp.cli.payout;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.payout.Payout;
import io.mbp.payout.PayoutService;
import io.mbp.payout.PayoutStatus;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Instructions and their states, from the log.")
public final class PayoutsListCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--status", description = "Only this state: ${COMPLETION-CANDIDATES}.") PayoutStatus status;

    record Result(List<Payout> payouts) implements TextResult {
        @JsonValue
        List<PayoutView> views() {
            return payouts.stream().map(PayoutView::of).toList();
        }

        @Override
        public void printText(PrintWriter out) {
            Map<PayoutStatus, Integer> counts = new TreeMap<>();
            for (Payout p : payouts) {
                out.printf("%-24s %-10s %12s %-10s att=%d %s%n", p.id(), p.status().label(), Money.brl(p.amount()),
                        p.instruction().account(), p.attempt(), p.e2eid() == null ? (p.lastReason() == null ? "" : p.lastReason())
                                : p.e2eid());
                counts.merge(p.status(), 1, Integer::sum);
            }
            out.println(payouts.size() + " instructions" + (counts.isEmpty() ? "" : ": " + counts.toString().toLowerCase()));
        }
    }

    @Override
    public Integer call() {
        try (Database db = ctx.database()) {
            return ctx.render(new Result(new PayoutService(db, ctx.clock()).list(status)));
        }
    }
}
