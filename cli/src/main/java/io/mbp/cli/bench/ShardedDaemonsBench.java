package io.mbp.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.events.CanonicalJson;
import io.mbp.events.EventLog;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketDefaults;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.market.Shard;
import io.mbp.sql.Database;
import io.mbp.cli.daemon.ClosedLoop;
import io.mbp.cli.daemon.DaemonJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Durable orders per second from {@code n} daemons, shards 1/n..n/n, each its own JVM (`mbp daemon
 * --shard i/n`), all on one database; the load generator is this JVM: {@code clients} threads, split
 * evenly over the daemons, each sending one order at a time to a market its daemon owns. Afterwards
 * the daemons are stopped (SIGTERM, drain) and the log is checked gapless.
 */
final class ShardedDaemonsBench {
    static final int MARKETS = 64;

    record Result(String name, int daemons, long orders, double seconds, double perSecond, double p50Ms, double p99Ms,
                  long errors, long groupCommits, boolean gapless, String note) {
        Result checked(boolean g) {
            return new Result(name, daemons, orders, seconds, perSecond, p50Ms, p99Ms, errors, groupCommits, g, note);
        }
    }

    private final Path logs;
    /** The daemons' vault key file and passphrase, and the admin key the load signs with (auth is on, as in production). */
    private io.mbp.cli.daemon.OperatorKey.ForProcess keys;

    ShardedDaemonsBench(Path logs) {
        this.logs = logs;
    }

    Result run(String engine, String url, int n, int clients, double warmup, double seconds) throws Exception {
        seed(url, clients);
        keys = io.mbp.cli.daemon.OperatorKey.provisionFile(url, logs, Clock.systemUTC());
        List<Process> daemons = new ArrayList<>();
        int[] ports = new int[n];
        Result r;
        try {
            for (int i = 1; i <= n; i++) {
                Process p = start(url, new Shard(i, n), logs.resolve(engine + "-" + n + "-daemon-" + i + ".log"));
                daemons.add(p);
                ports[i - 1] = port(p);
            }
            r = load(engine, url, n, ports, clients, warmup, seconds);
        } finally {
            for (Process p : daemons) {
                p.destroy(); // SIGTERM: the daemon drains its queue and commits before it exits
            }
            for (Process p : daemons) {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        return r.checked(gapless(url));
    }

    /** Markets BENCH-0..63 with deep pools (price bands stay out of reach: this measures the order path) and one funded account per client. */
    static void seed(String url, int clients) {
        try (Database db = Database.openMigrated(url)) {
            MarketService svc = new MarketService(db, new MarketEngine(), Clock.systemUTC());
            svc.load();
            List<MarketCommand> cmds = new ArrayList<>();
            for (int m = 0; m < MARKETS; m++) {
                cmds.add(new MarketCommand.CreateMarket("BENCH-" + m, "EV-BENCH", List.of("YES", "NO"), MarketDefaults.FEE_BPS,
                        null, null, null, "lp", 100_000_000_000L, "E-LP-" + m));
            }
            for (int c = 0; c < clients; c++) {
                cmds.add(new MarketCommand.Deposit("acct-" + c, 100_000_000_000L, "E-" + c, null, null));
            }
            svc.commit(cmds, false);
        }
    }

    private Process start(String url, Shard shard, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(DaemonJvm.command(List.of(), "--port", "0", "--shard", shard.toString(),
                "--rate-orders", "1000000000", "--rate-writes", "1000000000", "--rate-reads", "1000000000", "--max-batch", "4000"));
        pb.environment().put("MBP_DB", url); // in the environment, so the password stays out of process listings
        keys.env(pb.environment());
        pb.redirectError(log.toFile());
        return pb.start();
    }

    static int port(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || !line.startsWith("listening on 127.0.0.1:")) {
            throw new IOException("a daemon did not start (" + line + "); see its log in the bench folder");
        }
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).strip());
    }

    private Result load(String engine, String url, int n, int[] ports, int clients, double warmup, double seconds) throws Exception {
        List<List<String>> owned = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            List<String> mine = new ArrayList<>();
            for (int m = 0; m < MARKETS; m++) {
                if (new Shard(i, n).owns("BENCH-" + m)) {
                    mine.add("BENCH-" + m);
                }
            }
            owned.add(mine);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        io.mbp.cli.daemon.SigningClient[] apis = new io.mbp.cli.daemon.SigningClient[clients];
        for (int c = 0; c < clients; c++) {
            apis[c] = keys.key().client(ports[c % n], Clock.systemUTC());
        }
        long[] commits = new long[2];
        ClosedLoop.Window w = ClosedLoop.run(clients, 1 << 18, warmup, seconds, (client, i) -> {
            List<String> markets = owned.get(client % n);
            String body = "{\"market\":\"" + markets.get((int) ((i + client) % markets.size())) + "\",\"account\":\"acct-" + client
                    + "\",\"outcome\":\"" + ((i & 1) == 0 ? "YES" : "NO") + "\",\"side\":\"buy\",\"amount\":" + (1_000 + (i % 100_000)) + "}";
            HttpRequest req = apis[client].request("POST", "/v2/orders", body.getBytes(StandardCharsets.UTF_8))
                    .header("Idempotency-Key", "b" + client + "-" + i).build();
            return http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode() == 201;
        }, () -> commits[0] = commits(http, ports), () -> commits[1] = commits(http, ports));
        int total = w.latencies().total();
        double sec = w.seconds();
        double p50 = w.latencies().p50Ms();
        double p99 = w.latencies().p99Ms();
        long errs = w.errors();
        return new Result("daemon orders, " + n + " sharded daemon" + (n > 1 ? "s" : "") + ", " + clients + " clients, " + engine, n, total,
                sec, total / sec, p50, p99, errs, commits[1] - commits[0], false,
                String.format("%.1f orders per group commit", total / (double) Math.max(1, commits[1] - commits[0])));
    }

    /** The daemons' group commits so far (GET /v2/health). */
    private static long commits(HttpClient http, int[] ports) throws Exception {
        long sum = 0;
        for (int port : ports) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode h = CanonicalJson.readTree(r.body());
            sum += h.get("group_commits").asLong();
        }
        return sum;
    }

    /** After the daemons stopped: seq runs 0..size-1 with no hole and no repeat, read through the log's own scan. */
    static boolean gapless(String url) {
        try (Database db = Database.openMigrated(url)) {
            return db.read(dsl -> {
                long[] next = {0};
                boolean[] inOrder = {true};
                EventLog.scan(dsl, 0, (seq, type, stream, ts, payload) -> {
                    inOrder[0] &= seq == next[0];
                    next[0] = seq + 1;
                });
                return inOrder[0] && next[0] == EventLog.size(dsl);
            });
        }
    }
}
