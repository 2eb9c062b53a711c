package io.mbp.cli.recon;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.bench.ReconBench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "recon", mixinStandardHelpOptions = true,
        description = {"Reconcile N ledger movements against N statement lines, and compare with DuckDB.",
            "Two CSVs under --dir (never --db); run with MBP_JAVA_OPTS=-Xmx1g; DuckDB joins the same files",
            "when the jar was built with -Pbench."})
public final class BenchReconCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--movements", defaultValue = "10000000", description = "Ledger movements (default ${DEFAULT-VALUE}).")
    int movements;

    @Option(names = "--dir", description = "Folder for the CSVs and spill files (default: a new temp folder).")
    Path dir;

    @Option(names = "--seed", defaultValue = "27")
    long seed;

    @Option(names = "--duckdb-memory", defaultValue = "1GB", description = "DuckDB memory_limit (default ${DEFAULT-VALUE}).")
    String duckMemory;

    @Option(names = "--partitions", defaultValue = "64", description = "Spill partitions (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--skip-duckdb", description = "Only our side.")
    boolean skipDuck;

    @Option(names = "--reuse", description = "Reuse ledger.csv/statement.csv already in --dir.")
    boolean reuse;

    @Override
    public Integer call() throws Exception {
        GlobalOptions g = Globals.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        Path d = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("mbp-bench-recon");
        ReconBench bench = new ReconBench(partitions);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        result.put("cores", Runtime.getRuntime().availableProcessors());
        if (!(reuse && Files.exists(d.resolve("ledger.csv")))) {
            ReconBench.Generated gen = bench.generate(d, movements, seed);
            result.put("generated", gen);
            if (!g.json()) {
                out.printf("generated %,d movements and %,d statement lines (%,d MB) in %.1f s under %s%n", gen.movements(),
                        gen.lines(), gen.bytes() >> 20, gen.seconds(), d);
                out.flush();
            }
        }
        List<ReconBench.Outcome> runs = new ArrayList<>();
        runs.add(bench.ours(d));
        ReconBench.Outcome duck = skipDuck ? null : bench.duckdb(d, duckMemory);
        if (duck != null) {
            runs.add(duck);
        }
        result.put("runs", runs);
        if (duck != null) {
            result.put("ours_over_duckdb_wall", runs.get(0).seconds() / duck.seconds());
            result.put("ours_over_duckdb_cpu", runs.get(0).cpuSeconds() / duck.cpuSeconds());
        }
        if (g.json()) {
            Render.json(out, result);
            return 0;
        }
        out.printf("heap max %,d MB, %d cores%n", Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        for (ReconBench.Outcome o : runs) {
            out.printf("%-90s %8.2f s wall %8.2f s cpu  matched %,d lines (%,d centavos), %,d exceptions/unmatched%s  [%s]%n", o.name(),
                    o.seconds(), o.cpuSeconds(), o.matchedLines(), o.matchedAmount(), o.exceptions(),
                    o.peakHeapBytes() >= 0 ? String.format(", heap peak <= %,d MB", o.peakHeapBytes() >> 20) : "", o.note());
        }
        if (duck == null) {
            out.println("duckdb: not on the class path; build with `mvn -Pbench -DskipTests package` to compare");
        } else {
            out.printf("ours / duckdb = %.2f wall, %.2f cpu (below 1 = faster than DuckDB)%n",
                    runs.get(0).seconds() / duck.seconds(), runs.get(0).cpuSeconds() / duck.cpuSeconds());
        }
        out.flush();
        return 0;
    }
}
