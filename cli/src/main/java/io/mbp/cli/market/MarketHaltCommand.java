package io.mbp.cli.market;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.market.HaltChanged;
import io.mbp.market.HaltLevel;
import io.mbp.market.MarketCommand.Halt;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketEvent;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "halt", mixinStandardHelpOptions = true,
        description = {"Halt a market by hand: warn (flag only), soft (sells and liquidity removal only),",
            "hard (no trades). Cleared only by 'mbp market resume'."})
public final class MarketHaltCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "MARKET")
    String id;

    @Option(names = "--level", defaultValue = "hard", description = "warn, soft or hard (default ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--reason", required = true, description = "Why (goes into the HaltChanged event).")
    String reason;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        try (Database db = Database.openMigrated(g.dbUrl())) {
            MarketService svc = new MarketService(db, new MarketEngine(), Clock.systemUTC());
            svc.load();
            HaltLevel l;
            try {
                l = HaltLevel.parse("--level", level);
            } catch (io.mbp.events.FieldException e) {
                throw new io.mbp.error.BadInputException("--level: " + e.getMessage());
            }
            report(spec, g, svc.execute(new Halt(id, l, reason)));
        }
        return 0;
    }

    static void report(CommandSpec spec, GlobalOptions g, List<MarketEvent> events) {
        if (g.json()) {
            Render.json(spec.commandLine().getOut(), events.stream().map(e -> (Object) e).toList());
            return;
        }
        for (MarketEvent e : events) {
            if (e instanceof HaltChanged h) {
                spec.commandLine().getOut().println(h.market() + ": " + h.component() + " -> " + h.level() + " (market "
                        + h.from() + " -> " + h.to() + "), " + h.trigger());
            }
        }
        spec.commandLine().getOut().flush();
    }
}
