package io.mbp.cli.market;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.market.MarketState.Book;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List markets with status, halt level and prices.")
public final class MarketListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        try (Database db = Database.openMigrated(g.dbUrl())) {
            MarketService svc = new MarketService(db, new MarketEngine(), Clock.systemUTC());
            svc.load();
            Instant now = Instant.now();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Book b : svc.state().books().values()) {
                rows.add(Views.market(b, now, false));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Render.json(out, rows);
            } else {
                out.printf("%-28s %-24s %-9s %-6s %-24s %10s %12s%n", "MARKET", "ORACLE EVENT", "STATUS", "HALT", "PRICES (bps)", "ORDERS", "VOLUME");
                for (Map<String, Object> r : rows) {
                    out.printf("%-28s %-24s %-9s %-6s %-24s %10d %12d%n", r.get("market"), r.get("oracle_event"), r.get("status"),
                            r.get("halt"), r.get("prices_bps"), (Long) r.get("orders"), (Long) r.get("volume"));
                }
            }
        }
        return 0;
    }
}
