package io.mbp.cli.recon;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.mbp.cli.BenchDir;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.bench.ReconBench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "recon", mixinStandardHelpOptions = true,
        description = {"Reconcile N ledger movements against N statement lines, and compare with DuckDB.",
            "Two CSVs under --dir (never --db); run with MBP_JAVA_OPTS=-Xmx1g; DuckDB joins the same files",
            "when the jar was built with -Pbench."})
public final class BenchReconCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--movements", defaultValue = "10000000", description = "Ledger movements (default ${DEFAULT-VALUE}).") int movements;

    @Option(names = "--dir", description = "Folder for the CSVs and spill files (default: a new temp folder).") Path dir;

    @Option(names = "--seed", defaultValue = "27") long seed;

    @Option(names = "--duckdb-memory", defaultValue = "1GB", description = "DuckDB memory_limit (default ${DEFAULT-VALUE}).") String duckMemory;

    @Option(names = "--partitions", defaultValue = "64", description = "Spill partitions (default ${DEFAULT-VALUE}).") int partitions;

    @Option(names = "--in-heap", description = {"Keep both CSVs in the heap when together they fit a third of it; by default",
        "they go through spill partitions, which the quiet run found as fast at a quarter of the heap (ADR 0130)."}) boolean inHeap;

    @Option(names = "--skip-duckdb", description = "Only our side.") boolean skipDuck;

    @Option(names = "--reuse", description = "Reuse ledger.csv/statement.csv already in --dir.") boolean reuse;

    /** {@code generated} is absent with {@code --reuse}; the ratios are absent without DuckDB. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(long maxHeapBytes, int cores, ReconBench.Generated generated, @JsonIgnore Path dir, List<ReconBench.Outcome> runs,
                  Double oursOverDuckdbWall, Double oursOverDuckdbCpu, @JsonIgnore boolean duckSkipped) implements TextResult {
        static Result of(ReconBench.Generated generated, Path dir, List<ReconBench.Outcome> runs, boolean duckSkipped) {
            ReconBench.Outcome ours = runs.get(0);
            ReconBench.Outcome duck = runs.size() > 1 ? runs.get(1) : null;
            return new Result(Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors(), generated, dir, runs,
                    duck == null ? null : ours.seconds() / duck.seconds(), duck == null ? null : ours.cpuSeconds() / duck.cpuSeconds(),
                    duckSkipped);
        }

        @Override
        public void printText(PrintWriter out) {
            if (generated != null) {
                out.printf("generated %,d movements and %,d statement lines (%,d MB) in %.1f s under %s%n", generated.movements(),
                        generated.lines(), generated.bytes() >> 20, generated.seconds(), dir);
            }
            out.printf("heap max %,d MB, %d cores%n", maxHeapBytes >> 20, cores);
            for (ReconBench.Outcome o : runs) {
                out.printf("%-90s %8.2f s wall %8.2f s cpu  matched %,d lines (%,d centavos), %,d exceptions/unmatched%s  [%s]%n",
                        o.name(), o.seconds(), o.cpuSeconds(), o.matchedLines(), o.matchedAmount(), o.exceptions(),
                        o.peakHeapBytes() >= 0 ? String.format(", heap peak <= %,d MB", o.peakHeapBytes() >> 20) : "", o.note());
            }
            if (duckSkipped) {
                out.println("duckdb: skipped (--skip-duckdb)");
            } else if (oursOverDuckdbWall == null) {
                out.println("duckdb: not found on the class path nor at " + io.mbp.bench.DuckDbJar.searched()
                        + "; build with `mvn -B -Pbench -DskipTests package` (or set MBP_DUCKDB_JAR) to compare");
            } else {
                out.printf("ours / duckdb = %.2f wall, %.2f cpu (below 1 = faster than DuckDB; target <= 1.0, issue 17)%n",
                    oursOverDuckdbWall, oursOverDuckdbCpu);
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        Path d = BenchDir.create(dir, "mbp-bench-recon");
        ReconBench bench = new ReconBench(partitions);
        ReconBench.Generated gen = reuse && Files.exists(d.resolve("ledger.csv")) ? null : bench.generate(d, movements, seed);
        List<ReconBench.Outcome> runs = new ArrayList<>();
        runs.add(bench.ours(d, inHeap ? ReconBench.Mode.AUTO : ReconBench.Mode.SPILL));
        if (!skipDuck) {
            ReconBench.Outcome duck = bench.duckdb(d, duckMemory);
            if (duck != null) {
                runs.add(duck);
            }
        }
        return ctx.render(Result.of(gen, d, runs, skipDuck));
    }
}
