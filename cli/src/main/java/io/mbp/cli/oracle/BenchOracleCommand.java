package io.mbp.cli.oracle;

import io.mbp.cli.CommandContext;
import io.mbp.cli.Measurements;
import io.mbp.bench.OracleBench;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "oracle", mixinStandardHelpOptions = true,
        description = {"Oracle aggregation throughput (reports/s), in memory.",
            "The pure round (freshness, quorum, lower weighted median,",
            "divergence band, per-source metrics) over synthetic reports, in memory. Target: 500k reports/s on 2 cores."})
public final class BenchOracleCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--reports", defaultValue = "1000000", description = "Reports in total (default ${DEFAULT-VALUE}).") long reports;

    @Option(names = "--events", defaultValue = "10000", description = "Oracle events they spread over (default ${DEFAULT-VALUE}).") int events;

    @Option(names = "--threads", defaultValue = "2", description = "Worker threads for the parallel run (default ${DEFAULT-VALUE}).") int threads;

    @Option(names = "--repeat", defaultValue = "3", description = "Measured passes per setting; the best is reported (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--skip-engine", description = "Skip the engine run (decide + canonical JSON of every round event).") boolean skipEngine;

    @Override
    public Integer call() throws Exception {
        OracleBench bench = new OracleBench(reports, events, 20261127L);
        bench.run(1); // JIT warm-up
        Measurements runs = new Measurements(ctx);
        for (int t : threads > 1 ? new int[] {1, threads} : new int[] {1}) {
            OracleBench.Result best = null;
            for (int i = 0; i < Math.max(1, repeat); i++) {
                OracleBench.Result r = bench.run(t);
                if (best == null || r.seconds() < best.seconds()) {
                    best = r;
                }
            }
            runs.add(best, (out, r) -> show(out, r, t));
        }
        if (!skipEngine) {
            bench.engineRun(); // warm-up
            runs.add(bench.engineRun(), (out, r) -> show(out, r, 0));
        }
        return runs.done();
    }

    /** One measured setting and the threads it ran on (0: the single-threaded engine run). */
    private static void show(PrintWriter out, OracleBench.Result result, int threads) {
        out.printf("%s%n  %s: %,d reports over %,d events in %.3f s = %,.0f reports/s (%,.0f rounds/s); %s%n", result.name(),
                threads == 0 ? "1 thread" : threads + " thread(s)", result.reports(), result.events(), result.seconds(),
                result.reportsPerSecond(), result.roundsPerSecond(), result.note());
    }
}
