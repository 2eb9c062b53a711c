package io.mbp.cli.bench;

import io.mbp.bench.EvidenceBench;
import io.mbp.cli.BenchDir;
import io.mbp.cli.CommandContext;
import io.mbp.cli.Measurements;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = {"Evidence bundle of a long log within a small heap: appends N events to a fresh SQLite (or --store h2)",
            "file under --dir, seals them and builds the bundle of their day, printing the time and the heap's peak beside",
            "-Xmx (the 10 M-event case: MBP_JAVA_OPTS=-Xmx512m mbp bench evidence --events 10000000)."})
public final class BenchEvidenceCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--events", defaultValue = "1000000", description = "Events in the log (default ${DEFAULT-VALUE}).") long events;

    @Option(names = "--batch", defaultValue = "10000", description = "Events per append transaction (default ${DEFAULT-VALUE}).") int batch;

    @Option(names = "--store", defaultValue = "sqlite",
            description = "The log's store: sqlite (the default store, ADR 0115) or h2 (default ${DEFAULT-VALUE}).")
    EvidenceBench.Store store;

    @Mixin BenchDir dir;

    @Override
    public Integer call() throws Exception {
        Measurements runs = new Measurements(ctx);
        for (EvidenceBench.Result r : new EvidenceBench().run(dir.create("mbp-bench-evidence"), events, batch, store)) {
            runs.add(r, (out, x) -> out.printf("%-50s %,12d events %8.2f s %,12.0f /s  %s%n", x.name(), x.events(), x.seconds(),
                    x.perSecond(), x.note()));
        }
        return runs.done();
    }
}
