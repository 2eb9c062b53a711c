package io.mbp.jobs.steps;

import io.mbp.jobs.Step;
import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.market.SettlementPayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Settles every market whose oracle event finalized ({@code mbp market settle --all}). Idempotent:
 * the market service settles a market once; settled markets are not attempted again.
 */
public final class SettleStep implements Step {
    @Override
    public String name() {
        return "settle";
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        MarketService svc = new MarketService(ctx.db(), new MarketEngine(), ctx.clock());
        List<MarketService.Outcome> outcomes = svc.settleFinalized();
        List<String> refused = new ArrayList<>();
        long written = 0;
        long payouts = 0;
        long total = 0;
        for (MarketService.Outcome o : outcomes) {
            if (!o.ok()) {
                refused.add(((io.mbp.market.MarketCommand.Settle) o.command()).market() + ": " + o.rejected().getMessage());
                continue;
            }
            written += o.events().size();
            for (var e : o.events()) {
                if (e instanceof SettlementPayout p) {
                    payouts++;
                    total += p.amount();
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new io.mbp.error.BadInputException("settle refused " + refused.size() + " market(s): " + String.join("; ", refused)
                    + " (see `mbp market check`)");
        }
        return StepOutcome.of(outcomes.size(), written, outcomes.isEmpty()
                ? "no unsettled market has a finalized oracle event"
                : "settled " + outcomes.size() + " market(s): " + payouts + " payout instruction(s), " + total + " centavos");
    }
}
