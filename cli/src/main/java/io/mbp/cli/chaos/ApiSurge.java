package io.mbp.cli.chaos;

import io.mbp.chaos.Check.Phase;
import io.mbp.chaos.ScenarioSpec;
import io.mbp.cli.daemon.Daemon;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Traffic far past the order rate limit against a real daemon on a scratch database: the limiter
 * answers 429 with Retry-After, the daemon stays up, and the requests it accepts keep the API's
 * latency objective (p95 ≤ {@value #P95_OBJECTIVE_MS} ms, specs/slo).
 */
final class ApiSurge implements Scenario {
    static final long P95_OBJECTIVE_MS = 180;
    /** The scratch daemon's order limit: low, so a surge of a few clients on a small machine is far past it. */
    static final double ORDERS_PER_SECOND = 20;
    /** Abort when more than this share (per mille) of requests fail outright (connection errors, 5xx). */
    static final long ABORT_ERRORS_PERMILLE = 50;

    @Override
    public ScenarioSpec spec() {
        return new ScenarioSpec("api-surge",
                "Order traffic at many times the rate limit is shed with 429 and Retry-After; no request fails with a 5xx or a "
                        + "dropped connection, the daemon does not stop, and accepted orders keep p95 latency <= " + P95_OBJECTIVE_MS + " ms.",
                "one daemon on 127.0.0.1 over a scratch database in the run's folder; order limit " + (long) ORDERS_PER_SECOND + "/s",
                "more than " + ABORT_ERRORS_PERMILLE / 10 + "% of requests failing (5xx or connection errors), or the daemon stopping",
                List.of("health answers 200", "an order under the limit is accepted (201)"));
    }

    @Override
    public void run(Trial t) throws Exception {
        String url = "jdbc:h2:file:" + t.scratch().resolve("surge").toAbsolutePath();
        int clients = t.bounds().clients();
        Orders.seed(url, clients + 1, t.clock());
        Daemon.Options base = Daemon.Options.defaults(0);
        Daemon.Options opts = new Daemon.Options(0, base.maxBatch(), ORDERS_PER_SECOND, base.writesPerSecond(), base.readsPerSecond(),
                false, base.httpThreads());
        io.mbp.cli.daemon.OperatorKey key = io.mbp.cli.daemon.OperatorKey.provision(url, t.clock());
        try (Daemon d = new Daemon(url, key.on(opts), t.clock())) {
            d.start();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            io.mbp.cli.daemon.SigningClient orders = key.client(d.port(), t.clock());
            URI health = URI.create("http://127.0.0.1:" + d.port() + "/v2/health");
            t.check(Phase.BEFORE, "health answers 200", Orders.get(http, health) == 200, "health " + Orders.get(http, health));
            int first = Orders.send(http, orders, "steady-0", clients, 0);
            t.check(Phase.BEFORE, "an order under the limit is accepted", first == 201, "status " + first);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong accepted = new AtomicLong();
            AtomicLong limited = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicLong other = new AtomicLong();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            List<Thread> load = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int client = c;
                Thread th = new Thread(() -> {
                    for (long i = 0; !stop.get(); i++) {
                        long s = System.nanoTime();
                        int code = Orders.send(http, orders, "surge-" + client + "-" + i, client, i);
                        long micros = (System.nanoTime() - s) / 1_000;
                        if (code == 201) {
                            accepted.incrementAndGet();
                            latencies.add(micros);
                        } else if (code == 429) {
                            limited.incrementAndGet();
                        } else if (code < 0 || code >= 500) {
                            errors.incrementAndGet();
                        } else {
                            other.incrementAndGet();
                        }
                    }
                }, "chaos-surge-" + c);
                th.start();
                load.add(th);
            }
            String abort = null;
            long deadline = t0 + (long) (t.bounds().seconds() * 1e9);
            try {
                while (System.nanoTime() < deadline && abort == null) {
                    Thread.sleep(100);
                    long total = accepted.get() + limited.get() + errors.get() + other.get();
                    if (d.fatalReason() != null) {
                        abort = "the daemon stopped: " + d.fatalReason();
                    } else if (total >= 200 && errors.get() * 1000 > total * ABORT_ERRORS_PERMILLE) {
                        abort = errors.get() + " of " + total + " requests failed (5xx or connection errors)";
                    }
                }
            } finally {
                stop.set(true);
                for (Thread th : load) {
                    th.join();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long total = accepted.get() + limited.get() + errors.get() + other.get();
            t.measure("seconds", String.format(java.util.Locale.ROOT, "%.1f", seconds));
            t.measure("requests", total);
            t.measure("offered_per_second", Math.round(total / seconds));
            t.measure("limit_per_second", (long) ORDERS_PER_SECOND);
            t.measure("accepted", accepted.get());
            t.measure("rate_limited_429", limited.get());
            t.measure("errors", errors.get());
            t.measure("other_4xx", other.get());
            List<Long> sorted = new ArrayList<>(latencies);
            sorted.sort(null);
            long p95 = sorted.isEmpty() ? -1 : sorted.get(Math.max(0, (int) Math.ceil(0.95 * sorted.size()) - 1)) / 1_000;
            long p50 = sorted.isEmpty() ? -1 : sorted.get(Math.max(0, (int) Math.ceil(0.50 * sorted.size()) - 1)) / 1_000;
            t.measure("accepted_p50_ms", p50);
            t.measure("accepted_p95_ms", p95);
            if (abort != null) {
                t.abort(abort);
            }
            t.check(Phase.DURING, "traffic exceeded the limit", total > 2 * ORDERS_PER_SECOND * seconds,
                    Math.round(total / seconds) + " requests/s offered against " + (long) ORDERS_PER_SECOND + "/s");
            t.check(Phase.DURING, "excess shed with 429", limited.get() > 0, limited.get() + " answered 429");
            t.check(Phase.DURING, "no 5xx or dropped connections", errors.get() == 0, errors.get() + " failed");
            t.check(Phase.DURING, "accepted orders keep p95 <= " + P95_OBJECTIVE_MS + " ms", p95 >= 0 && p95 <= P95_OBJECTIVE_MS,
                    "p95 " + p95 + " ms over " + accepted.get() + " accepted");
            Thread.sleep(1_100); // one second refills the bucket
            t.check(Phase.AFTER, "health answers 200", Orders.get(http, health) == 200 && d.fatalReason() == null,
                    "fatal " + d.fatalReason());
            int after = Orders.send(http, orders, "steady-1", clients, 1);
            t.check(Phase.AFTER, "an order under the limit is accepted", after == 201, "status " + after);
        }
    }
}
