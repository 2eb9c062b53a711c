package io.mbp.cli.bench;

import io.mbp.cli.BenchDir;
import io.mbp.cli.CommandContext;
import io.mbp.cli.Measurements;
import io.mbp.cli.daemon.CommitLoopBench;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "commit-loop", mixinStandardHelpOptions = true,
        description = {"The daemon's engine thread without HTTP: clients in this JVM each hand it one order at a time and wait",
            "for the durable answer, on a fresh SQLite file per run, with the fsync inside each group commit and off the",
            "engine thread (ADR 0124), alternated round by round; medians and their ratio. Uses --dir, never --db."})
public final class BenchCommitLoopCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--clients", defaultValue = "32", description = "Threads each waiting for one order's answer (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per run (default ${DEFAULT-VALUE}).") double seconds;

    @Option(names = "--warmup", defaultValue = "2", description = "Unmeasured seconds before each run (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--rounds", defaultValue = "3", description = "Pairs of runs, the two modes alternating which goes first (default ${DEFAULT-VALUE}).")
    int rounds;

    @Mixin BenchDir dir;

    /** The median of one mode over the rounds, beside the other mode's: the ratio is off-engine / in-commit. */
    record Comparison(String measurement, double inCommit, double offEngine, double ratio, String note) {
    }

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || rounds < 1 || seconds <= 0 || warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--clients and --rounds must be at least 1, --seconds positive");
        }
        Path d = dir.create("mbp-bench-commit-loop");
        Measurements runs = new Measurements(ctx);
        CommitLoopBench bench = new CommitLoopBench();
        List<CommitLoopBench.Result> in = new ArrayList<>();
        List<CommitLoopBench.Result> off = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (boolean offFirst : new boolean[] {r % 2 == 1, r % 2 == 0}) {
                CommitLoopBench.Result res = runs.add(bench.run(d, offFirst, r + 1, clients, warmup, seconds), BenchCommitLoopCommand::show);
                (offFirst ? off : in).add(res);
            }
        }
        String load = "load " + BenchDaemonCommand.loadAverage() + " after; " + rounds + " rounds, " + clients + " clients";
        runs.add(compare("orders/s", in, off, CommitLoopBench.Result::perSecond, load), BenchCommitLoopCommand::show);
        runs.add(compare("p99 ms", in, off, CommitLoopBench.Result::p99Ms, "lower is better"), BenchCommitLoopCommand::show);
        runs.add(compare("orders per group commit", in, off, CommitLoopBench.Result::ordersPerCommit, ""), BenchCommitLoopCommand::show);
        runs.add(compare("engine ms per group commit", in, off, CommitLoopBench.Result::commitMs,
                "the engine thread's wall time per commit (with its fsync when in the commit)"), BenchCommitLoopCommand::show);
        return runs.done();
    }

    private static Comparison compare(String what, List<CommitLoopBench.Result> in, List<CommitLoopBench.Result> off,
                                      java.util.function.ToDoubleFunction<CommitLoopBench.Result> f, String note) {
        double a = median(in, f);
        double b = median(off, f);
        return new Comparison("median " + what, a, b, a == 0 ? 0 : b / a, note);
    }

    private static double median(List<CommitLoopBench.Result> rs, java.util.function.ToDoubleFunction<CommitLoopBench.Result> f) {
        double[] v = rs.stream().sorted(Comparator.comparingDouble(f)).mapToDouble(f).toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void show(PrintWriter out, CommitLoopBench.Result r) {
        out.printf("commit-loop round %d, %-28s %,10d orders %6.2f s %,10.0f /s  p50 %6.2f ms  p99 %6.2f ms  errors %d;"
                        + " %,d group commits, %.1f orders and %.2f ms each%s%n", r.round(), r.mode() + ":", r.orders(), r.seconds(),
                r.perSecond(), r.p50Ms(), r.p99Ms(), r.errors(), r.commits(), r.ordersPerCommit(), r.commitMs(),
                r.fsyncs() == 0 ? "" : String.format("; %,d fsyncs, %.2f ms each", r.fsyncs(), r.fsyncMs()));
    }

    private static void show(PrintWriter out, Comparison c) {
        out.printf("commit-loop %-36s fsync in the commit %,10.2f   off the engine thread %,10.2f   ratio %.2f%s%n", c.measurement() + ":",
                c.inCommit(), c.offEngine(), c.ratio(), c.note().isEmpty() ? "" : "  (" + c.note() + ")");
    }
}
