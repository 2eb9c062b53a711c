package io.mbp.cli.screening;

import io.mbp.bench.ScreeningBench;
import io.mbp.cli.CommandContext;
import io.mbp.cli.Measurements;
import io.mbp.error.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "screening", mixinStandardHelpOptions = true,
        description = {"Screening quality and speed (docs/benchmarks.md, ADR 0710): recall and precision of the seeded",
            "labelled evaluation set at a sweep of thresholds (the default among them), then names screened per second",
            "against a generated list of --entities entities on --threads threads, and the list index's heap.",
            "A million entities need about 1.5 GB of heap (MBP_JAVA_OPTS=-Xmx3g)."})
public final class BenchScreeningCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--entities", defaultValue = "1000000", description = "Entities in the speed list (default ${DEFAULT-VALUE}).") int entities;

    @Option(names = "--queries", defaultValue = "100000", description = "Names screened for speed (default ${DEFAULT-VALUE}; fewer leave the JIT warm-up in the rate).") int queries;

    @Option(names = "--threads", description = "Screening threads (default: the available processors).") Integer threads;

    @Option(names = "--eval-entities", defaultValue = "20000", description = "Entities in the evaluation list (default ${DEFAULT-VALUE}).")
    int evalEntities;

    @Option(names = "--per-variant", defaultValue = "100", description = "Evaluation queries per variant (default ${DEFAULT-VALUE}).")
    int perVariant;

    @Option(names = "--seed", defaultValue = "13", description = "Seed of the generated lists and queries (default ${DEFAULT-VALUE}).") long seed;

    @Override
    public Integer call() throws Exception {
        if (entities < 1 || queries < 1 || evalEntities < 100 || perVariant < 1) {
            throw new UsageException("--entities, --queries and --per-variant must be positive, --eval-entities at least 100");
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) {
            throw new UsageException("--threads must be positive");
        }
        ScreeningBench b = new ScreeningBench(seed);
        Measurements m = new Measurements(ctx);
        m.add(b.quality(evalEntities, perVariant), (out, q) -> {
            out.printf("evaluation: %d queries against %d entities%n", q.queries(), q.listEntities());
            out.printf("%-9s %-7s %-9s %s%n", "THRESHOLD", "RECALL", "PRECISION", "RECALL BY VARIANT");
            q.byThreshold().forEach(x -> out.printf("%-9s %-7.4f %-9.4f %s%n", x.threshold().toPlainString(), x.recall(), x.precision(),
                    x.recallByVariant()));
        });
        m.add(b.speed(entities, queries, t), (out, s) -> out.printf(
                "speed: %,d names/s (%,d queries on %d threads in %.2f s; %,d names per CPU-second of the screening threads)"
                        + " against %,d entities (%,d names, %,d tokens); index built in %.1f s, heap %,d MB%n",
                Math.round(s.namesPerSecond()), s.queries(), s.threads(), s.seconds(), Math.round(s.namesPerCpuSecond()),
                s.entities(), s.names(), s.tokens(), s.buildSeconds(), s.indexHeapBytes() / (1024 * 1024)));
        return m.done();
    }
}
