package io.mbp.cli.daemon;

import io.mbp.events.EventLog;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's engine thread without HTTP (docs/adr/0124): {@code clients} threads in this JVM each
 * hand the {@link EngineLoop} one order at a time and wait for its durable answer, on a fresh SQLite
 * file, with the fsync either inside each group commit or off the engine thread. What it measures is
 * the engine's own ceiling, which the HTTP bench cannot reach on two vCPUs (the HTTP threads and the
 * load generator use them first).
 */
public final class CommitLoopBench {
    /** One run: {@code fsyncs} is 0 when the fsync was inside the commits. */
    public record Result(String mode, int round, long orders, double seconds, double perSecond, double p50Ms, double p99Ms,
                         long errors, long commits, double ordersPerCommit, double commitMs, long fsyncs, double fsyncMs) {
    }

    /** Runs one mode on a new SQLite file under {@code dir}. */
    public Result run(Path dir, boolean offEngine, int round, int clients, double warmup, double seconds) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve((offEngine ? "off-engine-" : "in-commit-") + round + ".sqlite");
        Clock clock = Clock.systemUTC();
        try (Database db = Database.openMigrated(url)) {
            MarketService svc = new MarketService(db, new MarketEngine(HttpBench.BANDS_OUT_OF_REACH), clock);
            HttpBench.seed(svc, clients);
            WalFile wal = offEngine ? WalFile.forEngine(db) : null;
            DurableAcks acks = wal == null ? null : new DurableAcks(wal);
            EngineLoop engine = new EngineLoop(svc, new EventLog(db), 4000, Long.MAX_VALUE, svc.logSize(), why -> { });
            engine.acks = acks;
            try (WalCheckpointer checkpointer = WalCheckpointer.forEngine(db)) {
                checkpointer.start();
                if (acks != null) {
                    acks.start();
                }
                engine.start();
                return measure(engine, acks, offEngine ? "fsync off the engine thread" : "fsync in the commit", round, clients,
                        warmup, seconds);
            } finally {
                engine.stop();
                if (acks != null) {
                    acks.close();
                    wal.close();
                }
            }
        }
    }

    private static Result measure(EngineLoop engine, DurableAcks acks, String mode, int round, int clients, double warmup,
                                  double seconds) throws Exception {
        long[][] at = new long[4][];
        ClosedLoop.Window w = ClosedLoop.run(clients, 1 << 20, warmup, seconds, (client, i) -> engine.write(
                new MarketCommand.PlaceOrder("BENCH", "acct-" + client, (i & 1) == 0 ? "YES" : "NO", "buy", 1_000 + i % 500, 0,
                        "b" + client + "-" + i, "h" + client + "-" + i)).get(30, TimeUnit.SECONDS).status() == 201,
                () -> {
                    at[0] = engine.counters();
                    at[1] = acks == null ? new long[2] : acks.counters();
                },
                () -> {
                    at[2] = engine.counters();
                    at[3] = acks == null ? new long[2] : acks.counters();
                });
        long commits = at[2][0] - at[0][0];
        long fsyncs = at[3][0] - at[1][0];
        return new Result(mode, round, w.latencies().total(), w.seconds(), w.perSecond(), w.latencies().p50Ms(), w.latencies().p99Ms(),
                w.errors(), commits, (at[2][1] - at[0][1]) / (double) Math.max(1, commits),
                (at[2][2] - at[0][2]) / 1e6 / Math.max(1, commits), fsyncs, (at[3][1] - at[1][1]) / 1e6 / Math.max(1, fsyncs));
    }
}
