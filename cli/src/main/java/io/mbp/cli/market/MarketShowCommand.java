package io.mbp.cli.market;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.market.MarketRejected;
import io.mbp.market.Reject;
import io.mbp.market.MarketState.Book;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one market: pool, LPs, halts, settlement.")
public final class MarketShowCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--id", required = true, paramLabel = "MARKET") String id;

    /** The market's view, one {@code key value} line per field as text. */
    record Result(@JsonValue Map<String, Object> view) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            view.forEach((k, v) -> out.printf("%-20s %s%n", k, v));
        }
    }

    @Override
    public Integer call() {
        Clock clock = ctx.clock();
        try (Database db = ctx.database()) {
            Book b = Markets.loaded(db, clock).state().book(id);
            if (b == null) {
                throw new MarketRejected(Reject.UNKNOWN_MARKET, "--id: no market \"" + id + "\" (see mbp market list)");
            }
            return ctx.render(new Result(Views.market(b, clock.instant(), true)));
        }
    }
}
