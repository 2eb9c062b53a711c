package io.mbp.cli.market;

import io.mbp.bench.EventLogBench;
import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.cli.daemon.HttpBench;
import io.mbp.bench.MarketBench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "market", mixinStandardHelpOptions = true,
        description = {"Market throughput: the pure engine (decide+evolve, no I/O), replay of a market log from an H2",
            "file, and orders/s through the daemon's HTTP API with durable acks (p50/p99 ack latency).",
            "Uses fresh databases under --dir, never --db."})
public final class BenchMarketCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--orders", defaultValue = "1000000", description = "Orders for the engine run (default ${DEFAULT-VALUE}).")
    long orders;

    @Option(names = "--replay-events", defaultValue = "1000000", description = "Events in the replayed log (default ${DEFAULT-VALUE}).")
    long replayEvents;

    @Option(names = "--clients", defaultValue = "64", description = "Concurrent HTTP clients (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "15", description = "Measured HTTP seconds after 2 s warm-up (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--fsync", description = "Also run the HTTP bench with an fsync after every group commit.")
    boolean fsync;

    @Option(names = "--skip-http", description = "Skip the HTTP run.")
    boolean skipHttp;

    @Option(names = "--dir", description = "Folder for the benchmark databases (default: a new temp folder).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        GlobalOptions g = Globals.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        Path d = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("mbp-bench-market");
        List<Object> results = new ArrayList<>();
        MarketBench mb = new MarketBench();
        mb.engine(Math.min(orders, 200_000), 20, 10_000); // JIT warm-up
        results.add(line(out, g, mb.engine(orders, 20, 10_000)));
        results.add(line(out, g, mb.replay(EventLogBench.h2Url(d.resolve("replay")), replayEvents, 20, 10_000)));
        if (!skipHttp) {
            results.add(http(out, g, new HttpBench().run(EventLogBench.h2Url(d.resolve("http")), clients, seconds, false)));
            if (fsync) {
                results.add(http(out, g, new HttpBench().run(EventLogBench.h2Url(d.resolve("http-fsync")), clients, seconds, true)));
            }
        }
        if (g.json()) {
            Render.json(out, results);
        }
        return 0;
    }

    private static Object line(PrintWriter out, GlobalOptions g, MarketBench.Result r) {
        if (!g.json()) {
            out.printf("%-64s %,12d %8.2f s %,12.0f /s  %s%n", r.name(), r.count(), r.seconds(), r.perSecond(), r.note());
            out.flush();
        }
        return r;
    }

    private static Object http(PrintWriter out, GlobalOptions g, HttpBench.Result r) {
        if (!g.json()) {
            out.printf("%-64s %,12d %8.2f s %,12.0f /s  p50 %.2f ms  p99 %.2f ms  errors %d  %s%n", r.name(), r.orders(),
                    r.seconds(), r.perSecond(), r.p50Ms(), r.p99Ms(), r.errors(), r.note());
            out.flush();
        }
        return r;
    }
}
