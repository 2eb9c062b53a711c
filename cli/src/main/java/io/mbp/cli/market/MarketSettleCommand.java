package io.mbp.cli.market;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.market.MarketCommand.Settle;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketEvent;
import io.mbp.market.MarketService;
import io.mbp.market.MarketService.Outcome;
import io.mbp.market.MarketSettled;
import io.mbp.market.SettlementPayout;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "settle", mixinStandardHelpOptions = true,
        description = {"Settle a market whose oracle event has a Finalized event (I5): writes the payout",
            "vector once and one SettlementPayout event per account. --all settles every such market."})
public final class MarketSettleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--id", paramLabel = "MARKET", description = "The market to settle.")
    String id;

    @Option(names = "--all", description = "Settle every unsettled market whose oracle event finalized.")
    boolean all;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        if ((id == null) == !all) {
            throw new io.mbp.error.UsageException("give either --id MARKET or --all");
        }
        try (Database db = Database.openMigrated(g.dbUrl())) {
            MarketService svc = new MarketService(db, new MarketEngine(), Clock.systemUTC());
            List<Outcome> outcomes;
            if (all) {
                outcomes = svc.settleFinalized();
            } else {
                svc.load();
                outcomes = List.of(new Outcome(new Settle(id), svc.execute(new Settle(id)), null));
            }
            PrintWriter out = spec.commandLine().getOut();
            List<Map<String, Object>> rows = new ArrayList<>();
            boolean failed = false;
            for (Outcome o : outcomes) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("market", ((Settle) o.command()).market());
                if (!o.ok()) {
                    failed = true;
                    r.put("error", o.rejected().code().name());
                    r.put("message", o.rejected().getMessage());
                    if (!g.json()) {
                        out.println(r.get("market") + ": not settled: " + o.rejected().getMessage());
                    }
                } else {
                    long total = 0;
                    int n = 0;
                    for (MarketEvent e : o.events()) {
                        if (e instanceof MarketSettled s) {
                            r.put("result", s.result());
                            r.put("numerators", s.numerators());
                            r.put("denominator", s.denominator());
                        } else if (e instanceof SettlementPayout p) {
                            total += p.amount();
                            n++;
                        }
                    }
                    r.put("payout_instructions", n);
                    r.put("payout_total", total);
                    if (!g.json()) {
                        out.println(r.get("market") + ": settled, " + r.get("result") + "; " + n + " payout instructions, "
                                + total + " centavos");
                    }
                }
                rows.add(r);
            }
            if (g.json()) {
                Render.json(out, rows);
            } else if (outcomes.isEmpty()) {
                out.println("no unsettled market has a finalized oracle event");
            }
            out.flush();
            return failed ? io.mbp.error.ExitCodes.BAD_INPUT : 0;
        }
    }
}
