package io.mbp.cli.market;

import io.mbp.cli.CommandContext;
import io.mbp.market.MarketCommand.Resume;
import io.mbp.sql.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Clear a market's manual halt and its price-band halt (also after the daily re-opening",
            "bound was reached). An oracle halt clears itself when the oracle is back in consensus."})
public final class MarketResumeCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--id", required = true, paramLabel = "MARKET") String id;

    @Option(names = "--reason", required = true, description = "Why (goes into the HaltChanged event).") String reason;

    @Override
    public Integer call() {
        try (Database db = ctx.database()) {
            return ctx.render(new HaltChanges(Markets.loaded(db, ctx.clock()).execute(new Resume(id, reason))));
        }
    }
}
