package io.mbp.cli.market;

import io.mbp.bench.EventLogBench;
import io.mbp.cli.BenchDir;
import io.mbp.cli.CommandContext;
import io.mbp.cli.Measurements;
import io.mbp.cli.daemon.HttpBench;
import io.mbp.bench.MarketBench;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "market", mixinStandardHelpOptions = true,
        description = {"Market throughput: the pure engine (decide+evolve, no I/O), replay of a market log from a file",
            "of the default store (SQLite, ADR 0115) beside the engine's evolve alone over the same events (its limit),",
            "and orders/s through the daemon's HTTP API with durable acks (p50/p99 ack latency).",
            "Uses fresh databases under --dir, never --db."})
public final class BenchMarketCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--orders", defaultValue = "1000000", description = "Orders for the engine run (default ${DEFAULT-VALUE}).") long orders;

    @Option(names = "--replay-events", defaultValue = "1000000", description = "Events in the replayed log (default ${DEFAULT-VALUE}).")
    long replayEvents;

    @Option(names = "--clients", defaultValue = "64", description = "Concurrent HTTP clients (default ${DEFAULT-VALUE}).") int clients;

    @Option(names = "--seconds", defaultValue = "15", description = "Measured HTTP seconds after 2 s warm-up (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--fsync", description = "Also run the HTTP bench with an fsync after every group commit.") boolean fsync;

    @Option(names = "--skip-http", description = "Skip the HTTP run.") boolean skipHttp;

    @Mixin BenchDir dir;

    @Override
    public Integer call() throws Exception {
        // a run of its own under --dir: a log left by an earlier run would be replayed with this run's
        // events on top and never equal this run's live state
        Path d = java.nio.file.Files.createTempDirectory(dir.create("mbp-bench-market"), "run-");
        Measurements runs = new Measurements(ctx);
        MarketBench mb = new MarketBench();
        mb.engine(Math.min(orders, 200_000), 20, 10_000); // JIT warm-up
        runs.add(mb.engine(orders, 20, 10_000), BenchMarketCommand::engine);
        java.nio.file.Files.createDirectories(d.resolve("replay"));
        for (MarketBench.Result r : mb.replayBesideEvolve(EventLogBench.sqliteUrl(d.resolve("replay")), replayEvents, 20, 10_000)) {
            runs.add(r, BenchMarketCommand::engine);
        }
        if (!skipHttp) {
            runs.add(new HttpBench().run(EventLogBench.h2Url(d.resolve("http")), clients, seconds, false), BenchMarketCommand::http);
            if (fsync) {
                runs.add(new HttpBench().run(EventLogBench.h2Url(d.resolve("http-fsync")), clients, seconds, true),
                        BenchMarketCommand::http);
            }
        }
        return runs.done();
    }

    private static void engine(PrintWriter out, MarketBench.Result r) {
        out.printf("%-64s %,12d %8.2f s %,12.0f /s  %s%n", r.name(), r.count(), r.seconds(), r.perSecond(), r.note());
    }

    private static void http(PrintWriter out, HttpBench.Result r) {
        out.printf("%-64s %,12d %8.2f s %,12.0f /s  p50 %.2f ms  p99 %.2f ms  errors %d  %s%n", r.name(), r.orders(),
                r.seconds(), r.perSecond(), r.p50Ms(), r.p99Ms(), r.errors(), r.note());
    }
}
