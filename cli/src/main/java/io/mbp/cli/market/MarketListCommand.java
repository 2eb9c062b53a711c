package io.mbp.cli.market;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List markets with status, halt level and prices.")
public final class MarketListCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    record Result(@JsonValue List<Map<String, Object>> rows) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.printf("%-28s %-24s %-9s %-6s %-24s %10s %12s%n", "MARKET", "ORACLE EVENT", "STATUS", "HALT", "PRICES (bps)", "ORDERS", "VOLUME");
            for (Map<String, Object> r : rows) {
                out.printf("%-28s %-24s %-9s %-6s %-24s %10d %12d%n", r.get("market"), r.get("oracle_event"), r.get("status"),
                        r.get("halt"), r.get("prices_bps"), (Long) r.get("orders"), (Long) r.get("volume"));
            }
        }
    }

    @Override
    public Integer call() {
        Clock clock = ctx.clock();
        try (Database db = ctx.database()) {
            Instant now = clock.instant();
            return ctx.render(new Result(Markets.loaded(db, clock).state().books().values().stream()
                    .map(b -> Views.market(b, now, false)).toList()));
        }
    }
}
