package io.mbp.cli.payout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.events.Event;
import io.mbp.payout.PayoutService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, description = "One instruction: its state and every event of its history.")
public final class PayoutsShowCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Parameters(paramLabel = "ID", description = "Instruction id (po-w-<digest>), or the withdrawal id / settlement <market>:<account> it pays.")
    String id;

    /** The instruction's fields and, as {@code events}, the canonical text of each event of its history. */
    record Result(@JsonUnwrapped PayoutView payout, @JsonIgnore List<Event> history) implements TextResult {
        @JsonProperty("events")
        public List<String> events() {
            return history.stream().map(Event::canonicalText).toList();
        }

        @Override
        public void printText(PrintWriter out) {
            payout.printFields(out);
            out.println("history:");
            for (Event e : history) {
                out.printf("  #%-8d %s %-16s %s%n", e.seq(), e.ts(), e.type(), e.payload());
            }
        }
    }

    @Override
    public Integer call() {
        try (Database db = ctx.database()) {
            PayoutService.History h = new PayoutService(db, ctx.clock()).show(id);
            return ctx.render(new Result(PayoutView.of(h.payout()), h.events()));
        }
    }
}
