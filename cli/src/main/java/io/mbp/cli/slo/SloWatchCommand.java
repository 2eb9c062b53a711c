package io.mbp.cli.slo;

import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.cli.metrics.BatchMetrics;
import io.mbp.cli.metrics.Textfile;
import io.mbp.error.UsageException;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Write the log's domain watchers (oracle round times, divergence and fresh sources per event; each open",
            "event's sources' last observation and outlier flag; recon match rate; last anchor time and confirmations;",
            "payouts confirmed/failed and 30-day MTTR) as mbp_watchers.prom into --metrics-dir",
            "(or $MBP_METRICS_DIR) for node_exporter's textfile collector; run it from cron every few minutes (docs/slo.md)."})
public final class SloWatchCommand implements Callable<Integer> {
    public static final String FILE = "mbp_watchers.prom";

    @Mixin CommandContext ctx;

    record Written(String file) implements TextResult {
        @Override
        public void printText(PrintWriter w) {
            w.println("wrote " + file);
        }
    }

    @Override
    public Integer call() {
        Path dir = BatchMetrics.dir(ctx.global().metricsDir());
        if (dir == null) {
            throw new UsageException("slo watch needs --metrics-dir DIR or $" + BatchMetrics.ENV);
        }
        try (Database db = ctx.database()) {
            new Textfile(dir).write(FILE, LogWatch.read(db, ctx.clock()));
        }
        return ctx.render(new Written(dir.resolve(FILE).toString()));
    }
}
