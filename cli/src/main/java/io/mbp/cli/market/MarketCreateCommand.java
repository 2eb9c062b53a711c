package io.mbp.cli.market;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.market.MarketDefaults;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Open a market on an oracle event and seed its pool: records the LP's deposit of",
            "--liquidity centavos and adds it as the initial liquidity, in one transaction."})
public final class MarketCreateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "MARKET", description = "Market id (A-Z a-z 0-9 . _ : -).") String id;

    @Option(names = "--oracle-event", required = true, paramLabel = "EVENT", description = "The oracle event it settles on.") String oracleEvent;

    @Option(names = "--outcomes", required = true, split = ",", paramLabel = "A,B,...",
            description = "Outcome names: the oracle's outcome names (categorical) or YES,NO (numeric, with --threshold).")
    String[] outcomes;

    @Option(names = "--fee-bps", defaultValue = MarketDefaults.FEE_BPS_TEXT, description = "LP fee in basis points (default ${DEFAULT-VALUE}).")
    long feeBps;

    @Option(names = "--liquidity", required = true, paramLabel = "CENTAVOS", description = "Initial liquidity.") long liquidity;

    @Option(names = "--lp-account", required = true, paramLabel = "ACCOUNT", description = "The liquidity provider's account.") String lpAccount;

    @Option(names = "--threshold", paramLabel = "DECIMAL",
            description = "Numeric oracle events: YES wins when the finalized value is >= this.")
    String threshold;

    @Option(names = "--opens-at", paramLabel = "TS", description = "Trading opens (ISO-8601; default: now).") String opensAt;

    @Option(names = "--closes-at", paramLabel = "TS", description = "Trading closes (ISO-8601; default: never).") String closesAt;

    @Option(names = "--e2eid", paramLabel = "ID", description = "End-to-end id of the LP's PIX deposit (default: LIQ-<market>).") String e2eid;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        try (Database db = Database.openMigrated(g.dbUrl())) {
            MarketService svc = new MarketService(db, new MarketEngine(), Clock.systemUTC());
            svc.load();
            svc.execute(MarketDefaults.createMarket(id, oracleEvent, Arrays.asList(outcomes), feeBps, opensAt, closesAt,
                    threshold, lpAccount, liquidity, e2eid));
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Render.json(out, Views.market(svc.state().book(id), Clock.systemUTC().instant(), true));
            } else {
                out.println("created market " + id + " on " + oracleEvent + " (" + String.join(",", outcomes) + "), pool "
                        + liquidity + " centavos from " + lpAccount);
            }
        }
        return 0;
    }
}
