package io.mbp.cli.payout;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.bench.PayoutBench;
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

@Command(name = "payouts", mixinStandardHelpOptions = true,
        description = {"Payout instructions per second through the HTTP PSP simulator.",
            "Fresh H2 and SQLite files under --dir, never --db."})
public final class BenchPayoutsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--count", defaultValue = "2000", description = "Instructions per run (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--parallel", defaultValue = "16", description = "Requests in flight (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--dir", description = "Folder for the databases (default: a new temp folder).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        GlobalOptions g = Globals.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        Path d = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("mbp-bench-payouts");
        PayoutBench bench = new PayoutBench();
        bench.run("jdbc:h2:file:" + d.resolve("warmup").toAbsolutePath(), Math.min(count, 200), 0, 0, parallel);
        List<PayoutBench.Result> rs = new ArrayList<>();
        rs.add(bench.run("jdbc:h2:file:" + d.resolve("h2-serial").toAbsolutePath(), count, 0, 0, 1));
        rs.add(bench.run("jdbc:h2:file:" + d.resolve("h2-clean").toAbsolutePath(), count, 0, 0, parallel));
        rs.add(bench.run("jdbc:h2:file:" + d.resolve("h2-faulty").toAbsolutePath(), count, 30, 20, parallel));
        rs.add(bench.run("jdbc:sqlite:" + d.resolve("clean.sqlite").toAbsolutePath(), count, 0, 0, parallel));
        if (g.json()) {
            Render.json(out, rs);
            return 0;
        }
        for (PayoutBench.Result r : rs) {
            out.printf("payouts via HTTP simulator, %-40s %,7d instructions %7.2f s %8.1f /s  (%d confirmed, %d failed attempts)%n",
                    r.name(), r.instructions(), r.seconds(), r.perSecond(), r.confirmed(), r.failedAttempts());
        }
        out.flush();
        return 0;
    }
}
