package io.mbp.cli.daemon;

import io.mbp.market.HaltPolicy;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Orders per second through the daemon's HTTP API with durable acks: an in-process daemon on a
 * fresh H2 file, {@code clients} threads each sending one order at a time (a new Idempotency-Key
 * each) for {@code seconds} after a 2-second warm-up ({@link ClosedLoop}); ack latency percentiles from
 * every order acknowledged in the window.
 */
public final class HttpBench {
    public record Result(String name, long orders, double seconds, double perSecond, double p50Ms, double p99Ms,
                         long errors, String note) {
    }

    /** Halt bands out of reach: the order benchmarks measure the order path, not circuit breakers. */
    static final HaltPolicy BANDS_OUT_OF_REACH = new HaltPolicy(Duration.ofMinutes(5), 100_000, 100_000, 100_000, 500,
            Duration.ofSeconds(60), 3);

    /** What the order benchmarks trade: the market BENCH and accounts acct-0 .. acct-(clients-1), each well funded. */
    static void seed(MarketService svc, int clients) {
        svc.load();
        svc.execute(new MarketCommand.CreateMarket("BENCH", "EV-BENCH", List.of("YES", "NO"), io.mbp.market.MarketDefaults.FEE_BPS, null,
                null, null, "lp", 100_000_000_000L, "E-LP"));
        for (int c = 0; c < clients; c++) {
            svc.execute(new MarketCommand.Deposit("acct-" + c, 100_000_000_000L, "E-" + c, null, null));
        }
    }

    public Result run(String url, int clients, double seconds, boolean fsync) throws Exception {
        try (Database db = Database.openMigrated(url)) {
            seed(new MarketService(db, new MarketEngine(), Clock.systemUTC()), clients);
        }
        OperatorKey key = OperatorKey.provision(url, Clock.systemUTC());
        Daemon d = new Daemon(url, key.on(new Daemon.Options(0, 4000, 1e9, 1e9, 1e9, fsync, clients + 8)), Clock.systemUTC(),
                BANDS_OUT_OF_REACH);
        d.start();
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            SigningClient api = new SigningClient(http, "http://127.0.0.1:" + d.port(), key.keyId(), key.secret(), Clock.systemUTC());
            long[][] c = new long[2][];
            ClosedLoop.Window w = ClosedLoop.run(clients, 1 << 20, 2, seconds, (client, i) -> {
                String body = "{\"market\":\"BENCH\",\"account\":\"acct-" + client + "\",\"outcome\":\""
                        + ((i & 1) == 0 ? "YES" : "NO") + "\",\"side\":\"buy\",\"amount\":" + (1_000 + (i % 100_000)) + "}";
                // signed like any client's (auth on); amounts vary so no two orders sign alike
                HttpRequest req = api.request("POST", "/v2/orders", body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .header("Idempotency-Key", "b" + client + "-" + i).build();
                return http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode() == 201;
            }, () -> c[0] = d.counters(), () -> c[1] = d.counters());
            long[] c0 = c[0];
            long[] c1 = c[1];
            int total = w.latencies().total();
            double sec = w.seconds();
            double p50 = w.latencies().p50Ms();
            double p99 = w.latencies().p99Ms();
            return new Result("http: POST /v2/orders, durable group-commit acks" + (fsync ? " + --fsync (a no-op: every commit is synced)" : "") + ", "
                    + clients + " clients", total, sec, total / sec, p50, p99, w.errors(),
                    String.format("H2 file, WRITE_DELAY 0, %d group commits, %.1f orders and %.2f ms per commit",
                            c1[0] - c0[0], (c1[1] - c0[1]) / (double) Math.max(1, c1[0] - c0[0]),
                            (c1[2] - c0[2]) / 1e6 / Math.max(1, c1[0] - c0[0])));
        } finally {
            d.close();
        }
    }

    /** Every client's measured latencies (nanoseconds, {@code counts[c]} of {@code lat[c]}) pooled: count, p50 and p99 in ms. */
    public record Latencies(int total, double p50Ms, double p99Ms) {
        public static Latencies of(long[][] lat, int[] counts) {
            int total = Arrays.stream(counts).sum();
            long[] all = new long[total];
            int k = 0;
            for (int c = 0; c < counts.length; c++) {
                System.arraycopy(lat[c], 0, all, k, counts[c]);
                k += counts[c];
            }
            Arrays.sort(all);
            double p50 = total == 0 ? 0 : all[(int) (total * 0.50)] / 1e6;
            double p99 = total == 0 ? 0 : all[Math.min(total - 1, (int) (total * 0.99))] / 1e6;
            return new Latencies(total, p50, p99);
        }
    }
}
