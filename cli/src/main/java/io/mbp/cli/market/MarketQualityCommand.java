package io.mbp.cli.market;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.error.BadInputException;
import io.mbp.events.FieldException;
import io.mbp.events.Timestamps;
import io.mbp.market.MarketQuality;
import io.mbp.market.QualityKpis;
import io.mbp.market.QualitySampler;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "quality", mixinStandardHelpOptions = true,
        description = {"Market-quality KPIs sampled every --step over [--from, --to) by replaying the log: per market",
            "and overall spread p95, slippage p95 of a --ref-size buy, depth at 2% p50, each against its GA gate",
            "(spread p95 <= 2%, slippage p95 <= 1.5%, depth p50 >= 7,500,000 centavos). Nearest-rank percentiles",
            "in integers (ADR 0317). CSV (default) or JSON (--json)."})
public final class MarketQualityCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--from", paramLabel = "TS", description = "First sample instant (default: the log's first event, floored to the step).")
    String from;

    @Option(names = "--to", paramLabel = "TS", description = "End of the window, exclusive (default: one step after the log's last event; "
            + "a time after now is now).")
    String to;

    @Option(names = "--step", defaultValue = "PT1M", paramLabel = "DURATION",
            description = "Sampling step, ISO-8601, whole seconds (default ${DEFAULT-VALUE}).")
    String step;

    @Option(names = "--ref-size", defaultValue = "" + MarketQuality.DEFAULT_REF_SIZE, paramLabel = "CENTAVOS",
            description = "Reference order size for spread and slippage (default ${DEFAULT-VALUE}).")
    long refSize;

    /** As JSON the report; as text CSV, one line per market then the overall line. */
    record Result(QualityKpis.Report report) implements TextResult {
        static final String[] HEADER = {"market", "samples", "spread_p95_pct", "slippage_p95_pct", "depth_2pct_p50_centavos",
            "spread_pass", "slippage_pass", "depth_pass", "pass", "orders", "fill_slippage_p95_pct"};

        @JsonValue
        Map<String, Object> view() {
            return report.toMap();
        }

        @Override
        public void printText(PrintWriter out) {
            try {
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get());
                List<QualityKpis> rows = new ArrayList<>(report.markets());
                rows.add(report.overall());
                for (QualityKpis k : rows) {
                    csv.printRecord(k.market() == null ? "(overall)" : k.market(), k.samples(), QualityKpis.pct(k.spreadP95Bps()),
                            QualityKpis.pct(k.slippageP95Bps()), k.depth2PctP50Centavos(), k.spreadPass(), k.slippagePass(),
                            k.depthPass(), k.pass(), k.orders(), QualityKpis.pct(k.fillSlippageP95Bps()));
                }
                csv.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public Integer call() {
        Instant f = instant("--from", from);
        Instant t = instant("--to", to);
        Instant now = ctx.clock().instant();
        if (t != null && t.isAfter(now)) {
            t = now;
        }
        if (f != null && t != null && !t.isAfter(f)) {
            throw new BadInputException("--to must be after --from (and --from before now)");
        }
        if (refSize <= 0) {
            throw new BadInputException("--ref-size must be positive");
        }
        long stepSeconds = stepSeconds(step);
        QualityKpis.Report report;
        try (Database db = ctx.database()) {
            report = MarketQuality.sample(Markets.service(db, ctx.clock()), f, t, stepSeconds, refSize);
        } catch (QualitySampler.TooManySamples e) {
            throw new BadInputException("--step: " + e.getMessage());
        }
        return ctx.render(new Result(report));
    }

    private static Instant instant(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parse(option, text);
        } catch (FieldException e) {
            throw new BadInputException(e.field() + ": " + e.getMessage());
        }
    }

    static long stepSeconds(String text) {
        Duration d;
        try {
            d = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadInputException("--step: '" + text + "' is not an ISO-8601 duration (e.g. PT1M, PT30S, PT1H)");
        }
        if (d.isNegative() || d.isZero() || d.getNano() != 0) {
            throw new BadInputException("--step: must be a positive whole number of seconds, got " + text);
        }
        return d.getSeconds();
    }
}
