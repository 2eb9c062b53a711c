package io.mbp.cli.market;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketRejected;
import io.mbp.market.MarketService;
import io.mbp.market.MarketState.Book;
import io.mbp.market.Reject;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one market: pool, LPs, halts, settlement.")
public final class MarketShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "MARKET")
    String id;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        try (Database db = Database.openMigrated(g.dbUrl())) {
            MarketService svc = new MarketService(db, new MarketEngine(), Clock.systemUTC());
            svc.load();
            Book b = svc.state().book(id);
            if (b == null) {
                throw new MarketRejected(Reject.UNKNOWN_MARKET, "--id: no market \"" + id + "\" (see mbp market list)");
            }
            Map<String, Object> view = Views.market(b, Instant.now(), true);
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Render.json(out, view);
            } else {
                view.forEach((k, v) -> out.printf("%-20s %s%n", k, v));
            }
        }
        return 0;
    }
}
