package io.mbp.cli.market;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.error.BadInputException;
import io.mbp.events.FieldException;
import io.mbp.events.Timestamps;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketQuality;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "quality", mixinStandardHelpOptions = true,
        description = {"Execution quality per market over [--from, --to): slippage p50/p95 of executed orders",
            "(bps of the pre-trade price, fee included), effective round-trip spread at --ref-size and the",
            "centavos that move the first outcome's price by 2%. CSV (default) or JSON (--json)."})
public final class MarketQualityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "TS")
    String from;

    @Option(names = "--to", required = true, paramLabel = "TS")
    String to;

    @Option(names = "--ref-size", defaultValue = "10000", paramLabel = "CENTAVOS",
            description = "Reference order size for the spread (default ${DEFAULT-VALUE}).")
    long refSize;

    @Override
    public Integer call() throws IOException {
        GlobalOptions g = Globals.of(spec);
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
        List<MarketQuality.Row> rows;
        try (Database db = Database.openMigrated(g.dbUrl())) {
            rows = MarketQuality.compute(new MarketService(db, new MarketEngine(), Clock.systemUTC()), f, t, refSize);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            Render.json(out, rows.stream().map(MarketQuality.Row::toMap).toList());
            return 0;
        }
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("market", "orders", "slippage_p50_bps",
                "slippage_p95_bps", "effective_spread_bps", "depth_2pct_centavos", "ref_size_centavos").get());
        for (MarketQuality.Row r : rows) {
            csv.printRecord(r.market(), r.orders(), r.slippageP50Bps(), r.slippageP95Bps(), r.spreadBps(),
                    r.depth2PctCentavos(), r.refSize());
        }
        csv.flush();
        return 0;
    }
}
