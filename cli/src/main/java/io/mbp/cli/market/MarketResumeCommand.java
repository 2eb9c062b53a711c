package io.mbp.cli.market;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.market.MarketCommand.Resume;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Clear a market's manual halt and its price-band halt (also after the daily re-opening",
            "bound was reached). An oracle halt clears itself when the oracle is back in consensus."})
public final class MarketResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "MARKET")
    String id;

    @Option(names = "--reason", required = true, description = "Why (goes into the HaltChanged event).")
    String reason;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        try (Database db = Database.openMigrated(g.dbUrl())) {
            MarketService svc = new MarketService(db, new MarketEngine(), Clock.systemUTC());
            svc.load();
            MarketHaltCommand.report(spec, g, svc.execute(new Resume(id, reason)));
        }
        return 0;
    }
}
