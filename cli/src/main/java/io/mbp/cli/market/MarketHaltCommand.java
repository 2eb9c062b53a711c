package io.mbp.cli.market;

import io.mbp.cli.CommandContext;
import io.mbp.error.BadInputException;
import io.mbp.events.FieldException;
import io.mbp.market.HaltLevel;
import io.mbp.market.MarketCommand.Halt;
import io.mbp.sql.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "halt", mixinStandardHelpOptions = true,
        description = {"Halt a market by hand: warn (flag only), soft (sells and liquidity removal only),",
            "hard (no trades). Cleared only by 'mbp market resume'."})
public final class MarketHaltCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--id", required = true, paramLabel = "MARKET") String id;

    @Option(names = "--level", defaultValue = "hard", description = "warn, soft or hard (default ${DEFAULT-VALUE}).") String level;

    @Option(names = "--reason", required = true, description = "Why (goes into the HaltChanged event).") String reason;

    @Override
    public Integer call() {
        HaltLevel l;
        try {
            l = HaltLevel.parse("--level", level);
        } catch (FieldException e) {
            throw new BadInputException("--level: " + e.getMessage());
        }
        try (Database db = ctx.database()) {
            return ctx.render(new HaltChanges(Markets.loaded(db, ctx.clock()).execute(new Halt(id, l, reason))));
        }
    }
}
