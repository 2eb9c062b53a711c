package io.mbp.cli.payout;

import io.mbp.cli.BenchDir;
import io.mbp.cli.CommandContext;
import io.mbp.cli.Measurements;
import io.mbp.bench.PayoutBench;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "payouts", mixinStandardHelpOptions = true,
        description = {"Payout instructions per second through the HTTP PSP simulator.",
            "Fresh H2 and SQLite files under --dir, never --db."})
public final class BenchPayoutsCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--count", defaultValue = "2000", description = "Instructions per run (default ${DEFAULT-VALUE}).") int count;

    @Option(names = "--parallel", defaultValue = "16", description = "Requests in flight (default ${DEFAULT-VALUE}).") int parallel;

    @Mixin BenchDir dir;

    @Override
    public Integer call() throws Exception {
        Path d = dir.create("mbp-bench-payouts");
        PayoutBench bench = new PayoutBench();
        bench.run("jdbc:h2:file:" + d.resolve("warmup").toAbsolutePath(), Math.min(count, 200), 0, 0, parallel);
        Measurements runs = new Measurements(ctx);
        runs.add(bench.run("jdbc:h2:file:" + d.resolve("h2-serial").toAbsolutePath(), count, 0, 0, 1), BenchPayoutsCommand::show);
        runs.add(bench.run("jdbc:h2:file:" + d.resolve("h2-clean").toAbsolutePath(), count, 0, 0, parallel), BenchPayoutsCommand::show);
        runs.add(bench.run("jdbc:h2:file:" + d.resolve("h2-faulty").toAbsolutePath(), count, 30, 20, parallel), BenchPayoutsCommand::show);
        runs.add(bench.run("jdbc:sqlite:" + d.resolve("clean.sqlite").toAbsolutePath(), count, 0, 0, parallel), BenchPayoutsCommand::show);
        return runs.done();
    }

    private static void show(PrintWriter out, PayoutBench.Result result) {
        out.printf("payouts via HTTP simulator, %-40s %,7d instructions %7.2f s %8.1f /s  (%d confirmed, %d failed attempts)%n",
                result.name(), result.instructions(), result.seconds(), result.perSecond(), result.confirmed(),
                result.failedAttempts());
    }
}
