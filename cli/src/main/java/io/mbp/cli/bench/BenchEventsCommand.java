package io.mbp.cli.bench;

import io.mbp.bench.EventLogBench;
import io.mbp.cli.CommandContext;
import io.mbp.cli.JavaNamed;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Event log throughput: canonicalize+hash, durable batched appends (H2 file, SQLite),",
            "and a full export with the heap's peak. Uses fresh databases under --dir, never --db."})
public final class BenchEventsCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--events", defaultValue = "1000000", description = "Events to append (default ${DEFAULT-VALUE}).") long events;

    @Option(names = "--batch", defaultValue = "1000", description = "Events per append transaction (default ${DEFAULT-VALUE}).") int batch;

    @Option(names = "--hash-events", defaultValue = "2000000", description = "Events for the in-memory hash run (default ${DEFAULT-VALUE}).")
    long hashEvents;

    @Option(names = "--dir", description = "Folder for the benchmark databases (default: a new temp folder).") Path dir;

    @Option(names = "--sqlite", description = "Also measure SQLite appends.") boolean sqlite;

    @Option(names = "--skip-export", description = "Skip the export run.") boolean skipExport;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = ctx.out();
        Path d = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("mbp-bench");
        EventLogBench bench = new EventLogBench();
        List<EventLogBench.Result> results = new ArrayList<>();
        bench.canonicalizeAndHash(Math.min(hashEvents, 200_000)); // JIT warm-up
        bench.rawSha256(Math.min(hashEvents, 200_000));
        results.add(report(out, ctx.json(), bench.canonicalizeAndHash(hashEvents)));
        results.add(report(out, ctx.json(), bench.rawSha256(hashEvents)));
        String h2 = EventLogBench.h2Url(d);
        results.add(report(out, ctx.json(), bench.append(h2, events, batch, done -> { })));
        if (sqlite) {
            results.add(report(out, ctx.json(), bench.append(EventLogBench.sqliteUrl(d), events, batch, done -> { })));
        }
        if (!skipExport) {
            results.add(report(out, ctx.json(), bench.export(h2)));
        }
        if (ctx.json()) {
            ctx.render(JavaNamed.tree(results));
        }
        return 0;
    }

    private static EventLogBench.Result report(PrintWriter out, boolean json, EventLogBench.Result r) {
        if (!json) {
            out.printf("%-62s %,12d events %8.2f s %,12.0f /s  %s%n", r.name(), r.events(), r.seconds(), r.perSecond(), r.note());
            out.flush();
        }
        return r;
    }
}
