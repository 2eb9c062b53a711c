package io.mbp.cli.bench;

import io.mbp.bench.EventLogBench;
import io.mbp.bench.MarketBench;
import io.mbp.cli.BenchDir;
import io.mbp.cli.CommandContext;
import io.mbp.cli.Measurements;
import io.mbp.custody.NoteSigner;
import io.mbp.custody.SealService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "engines", mixinStandardHelpOptions = true,
        description = {"The same runs on H2, SQLite and PostgreSQL (with --pg), one after the other: durable append,",
            "replay, seal, and durable daemon orders from 1, 2 and 4 sharded daemons (each its own JVM, `mbp daemon",
            "--shard i/n`) on one log, the load generator in this JVM. Fresh databases (files under --dir, schemas in",
            "--pg's database, dropped at the end); never --db. Results belong in docs/benchmarks.md."})
public final class BenchEnginesCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Mixin BenchDir dir;

    @Option(names = "--pg", paramLabel = "URL", defaultValue = "${env:MBP_BENCH_PG}",
            description = "PostgreSQL JDBC URL, e.g. from scripts/postgres url (default: $MBP_BENCH_PG; none: H2 and SQLite only).")
    String pg;

    @Option(names = "--events", defaultValue = "200000", description = "Events appended, then sealed (default ${DEFAULT-VALUE}).") long events;

    @Option(names = "--replay-events", defaultValue = "200000", description = "Events in the replayed market log (default ${DEFAULT-VALUE}).")
    long replayEvents;

    @Option(names = "--daemons", split = ",", defaultValue = "1,2,4", description = "Sharded daemon counts to run (default ${DEFAULT-VALUE}).")
    List<Integer> daemons;

    @Option(names = "--clients", defaultValue = "32", description = "Concurrent HTTP clients, split over the daemons (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per daemon run (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Unmeasured seconds of load before each daemon run (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--skip-daemons", description = "Only append, replay and seal.") boolean skipDaemons;

    @Override
    public Integer call() throws Exception {
        Path d = dir.create("mbp-bench-engines");
        Measurements runs = new Measurements(ctx);
        NoteSigner signer = new NoteSigner("bench.example/log", new SecureRandom().generateSeed(32));
        try (BenchDatabases dbs = new BenchDatabases(d, pg)) {
            new EventLogBench().append(dbs.fresh("h2", "warmup"), Math.min(events, 20_000), 1000, x -> { });
            for (String engine : dbs.engines()) {
                String url = dbs.fresh(engine, "append");
                EventLogBench.Result a = new EventLogBench().append(url, events, 1000, x -> { });
                runs.add(new Row("durable append, 1,000 events per transaction", engine, a.events(), a.seconds(), ""),
                        BenchEnginesCommand::show);
                long t0 = System.nanoTime();
                long sealed;
                try (Database db = Database.openMigrated(url)) {
                    sealed = new SealService(db, Clock.systemUTC()).seal(signer).eventsRehashed();
                }
                runs.add(new Row("seal: re-hash every event, build the tree, sign", engine, sealed, (System.nanoTime() - t0) / 1e9, ""),
                        BenchEnginesCommand::show);
                MarketBench.Result r = new MarketBench().replay(dbs.fresh(engine, "replay"), replayEvents, 20, 10_000);
                runs.add(new Row("replay: read + decode + evolve", engine, r.count(), r.seconds(), r.note()), BenchEnginesCommand::show);
            }
            if (!skipDaemons) {
                ShardedDaemonsBench bench = new ShardedDaemonsBench(d);
                for (String engine : dbs.engines()) {
                    for (int n : daemons) {
                        runs.add(bench.run(engine, dbs.fresh(engine, "daemons" + n), n, clients, warmup, seconds), BenchEnginesCommand::daemons);
                    }
                }
            }
        }
        return runs.done();
    }

    /** One measurement of one engine. */
    record Row(String name, String engine, long count, double seconds, String note) {
        public double perSecond() {
            return count / seconds;
        }
    }

    private static void show(PrintWriter out, Row r) {
        out.printf("%-50s %-10s %,10d %8.2f s %,12.0f /s  %s%n", r.name(), r.engine(), r.count(), r.seconds(), r.perSecond(), r.note());
        out.flush();
    }

    private static void daemons(PrintWriter out, ShardedDaemonsBench.Result r) {
        out.printf("%-61s %,10d %8.2f s %,12.0f /s  p50 %.1f ms  p99 %.1f ms  errors %d  %d group commits, %s, log %s%n", r.name(),
                r.orders(), r.seconds(), r.perSecond(), r.p50Ms(), r.p99Ms(), r.errors(), r.groupCommits(), r.note(),
                r.gapless() ? "gapless" : "NOT GAPLESS");
        out.flush();
    }
}
