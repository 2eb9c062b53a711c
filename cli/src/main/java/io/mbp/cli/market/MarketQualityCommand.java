package io.mbp.cli.market;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.error.BadInputException;
import io.mbp.events.FieldException;
import io.mbp.events.Timestamps;
import io.mbp.market.MarketQuality;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "quality", mixinStandardHelpOptions = true,
        description = {"Execution quality per market over [--from, --to): slippage p50/p95 of executed orders",
            "(bps of the pre-trade price, fee included), effective round-trip spread at --ref-size and the",
            "centavos that move the first outcome's price by 2%. CSV (default) or JSON (--json)."})
public final class MarketQualityCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--from", required = true, paramLabel = "TS") String from;

    @Option(names = "--to", required = true, paramLabel = "TS") String to;

    @Option(names = "--ref-size", defaultValue = "10000", paramLabel = "CENTAVOS",
            description = "Reference order size for the spread (default ${DEFAULT-VALUE}).")
    long refSize;

    /** As JSON the rows; as text CSV, one line per market. */
    record Result(List<MarketQuality.Row> rows) implements TextResult {
        @JsonValue
        List<Map<String, Object>> views() {
            return rows.stream().map(MarketQuality.Row::toMap).toList();
        }

        @Override
        public void printText(PrintWriter out) {
            try {
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("market", "orders", "slippage_p50_bps",
                        "slippage_p95_bps", "effective_spread_bps", "depth_2pct_centavos", "ref_size_centavos").get());
                for (MarketQuality.Row r : rows) {
                    csv.printRecord(r.market(), r.orders(), r.slippageP50Bps(), r.slippageP95Bps(), r.spreadBps(),
                            r.depth2PctCentavos(), r.refSize());
                }
                csv.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public Integer call() {
        Instant f;
        Instant t;
        try {
            f = Timestamps.parse("--from", from);
            t = Timestamps.parse("--to", to);
        } catch (FieldException e) {
            throw new BadInputException(e.field() + ": " + e.getMessage());
        }
        if (!t.isAfter(f)) {
            throw new BadInputException("--to must be after --from");
        }
        if (refSize <= 0) {
            throw new BadInputException("--ref-size must be positive");
        }
        try (Database db = ctx.database()) {
            return ctx.render(new Result(MarketQuality.compute(Markets.service(db, ctx.clock()), f, t, refSize)));
        }
    }
}
