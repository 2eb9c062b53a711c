package io.mbp.cli.market;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.error.ExitCodes;
import io.mbp.error.UsageException;
import io.mbp.market.MarketCommand.Settle;
import io.mbp.market.MarketEvent;
import io.mbp.market.MarketService;
import io.mbp.market.MarketService.Outcome;
import io.mbp.market.MarketSettled;
import io.mbp.market.SettlementPayout;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "settle", mixinStandardHelpOptions = true,
        description = {"Settle a market whose oracle event has a Finalized event (I5): writes the payout",
            "vector once and one SettlementPayout event per account. --all settles every such market."})
public final class MarketSettleCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--id", paramLabel = "MARKET", description = "The market to settle.") String id;

    @Option(names = "--all", description = "Settle every unsettled market whose oracle event finalized.") boolean all;

    /** One market's settlement, or why it was not settled ({@code error}, {@code message}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Row(String market, String error, String message, String result, List<Long> numerators, Long denominator,
               Integer payoutInstructions, Long payoutTotal) {
        static Row of(Outcome o) {
            String market = ((Settle) o.command()).market();
            if (!o.ok()) {
                return new Row(market, o.rejected().code().name(), o.rejected().getMessage(), null, null, null, null, null);
            }
            MarketSettled settled = null;
            long total = 0;
            int n = 0;
            for (MarketEvent e : o.events()) {
                if (e instanceof MarketSettled s) {
                    settled = s;
                } else if (e instanceof SettlementPayout p) {
                    total += p.amount();
                    n++;
                }
            }
            return new Row(market, null, null, settled == null ? null : settled.result(), settled == null ? null : settled.numerators(),
                    settled == null ? null : settled.denominator(), n, total);
        }
    }

    record Result(@JsonValue List<Row> rows) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            for (Row r : rows) {
                out.println(r.market() + (r.error() != null ? ": not settled: " + r.message()
                        : ": settled, " + r.result() + "; " + r.payoutInstructions() + " payout instructions, " + r.payoutTotal() + " centavos"));
            }
            if (rows.isEmpty()) {
                out.println("no unsettled market has a finalized oracle event");
            }
        }
    }

    @Override
    public Integer call() {
        if ((id == null) == !all) {
            throw new UsageException("give either --id MARKET or --all");
        }
        List<Outcome> outcomes;
        try (Database db = ctx.database()) {
            MarketService svc = Markets.service(db, ctx.clock());
            if (all) {
                outcomes = svc.settleFinalized();
            } else {
                svc.load();
                outcomes = List.of(new Outcome(new Settle(id), svc.execute(new Settle(id)), null));
            }
        }
        ctx.render(new Result(outcomes.stream().map(Row::of).toList()));
        return outcomes.stream().allMatch(Outcome::ok) ? 0 : ExitCodes.BAD_INPUT;
    }
}
