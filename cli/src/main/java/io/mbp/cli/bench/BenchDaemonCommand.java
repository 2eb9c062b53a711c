package io.mbp.cli.bench;

import io.mbp.bench.ThreadCpu;
import io.mbp.cli.BenchDir;
import io.mbp.cli.CommandContext;
import io.mbp.cli.Measurements;
import io.mbp.cli.TextResult;
import io.mbp.cli.daemon.ClosedLoop;
import io.mbp.cli.daemon.DaemonJvm;
import io.mbp.cli.daemon.HttpBench;
import io.mbp.cli.daemon.OperatorKey;
import io.mbp.bench.EventLogBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Durable orders over HTTP against `mbp daemon --bench-routes` in its own JVM (this JVM is only the",
            "load generator), then, in the same run and on the same daemon, GET /v2/noop: the same HTTP stack with no",
            "engine work, the anchor that separates the server's cost from ours. Requests are signed (HMAC-SHA256,",
            "docs/api-auth.md) with an admin key made in the fresh database under a throwaway vault key file in --dir",
            "(as `mbp privacy kek init` + `mbp api-keys create` would), so the bench pays what a client pays. --jfr",
            "records the daemon with JDK Flight Recorder. Beside each rate: the daemon process's CPU per answered request",
            "(a busy machine slows the wall clock, much less the CPU an answer costs) and, for orders, the group commits",
            "(orders per commit, ms per commit) from its /metrics, and for each route the collector's pauses in the",
            "window (ADR 0158). Fresh SQLite (or --store h2) file under --dir; never --db."})
public final class BenchDaemonCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Mixin BenchDir dir;

    @Option(names = "--clients", defaultValue = "32", description = "Concurrent HTTP clients (default ${DEFAULT-VALUE}).") int clients;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per route (default ${DEFAULT-VALUE}).") double seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured seconds before each route (default ${DEFAULT-VALUE}).") double warmup;

    @Option(names = "--store", defaultValue = "sqlite", description = "The daemon's log store: sqlite (the default store, ADR 0115) or h2 (default ${DEFAULT-VALUE}).")
    Store store;

    enum Store { h2, sqlite }

    @Option(names = "--settle", defaultValue = "30", description = {"After --warmup, keep warming up (at most this many more seconds) until",
        "the JIT compiler's threads use under 10%% of the daemon's CPU for a second: the route is measured compiled (default ${DEFAULT-VALUE};",
        "0: --warmup only)."}) double settle;

    @Option(names = "--fsync-off-engine", description = "Start the daemon with --fsync-off-engine (SQLite's fsync on a thread of its own, "
            + "ADR 0124), for an A/B run.") boolean fsyncOffEngine;

    @Option(names = "--snapshot-every", paramLabel = "EVENTS", description = "Start the daemon with --snapshot-every EVENTS "
            + "(default: the daemon's own), to measure its snapshots within the window (ADR 0127).") Long snapshotEvery;

    @Option(names = "--daemon-jvm-option", paramLabel = "OPTION", description = {"Add OPTION to the daemon JVM's command line",
        "after the daemon's own (DaemonJvm, ADR 0158), which it may override (repeatable; write it as",
        "--daemon-jvm-option=-Xlog:gc:file=gc.log): to see or change what its collector does under load in an A/B run."}) List<String> daemonJvmOptions = new ArrayList<>();

    @Option(names = "--jfr", paramLabel = "FILE", description = "Record the daemon's JVM with JFR (settings=profile) into FILE.") Path jfr;

    @Option(names = "--generator", defaultValue = "java", description = {"The measured seconds' load generator: java (this JVM's HTTP",
        "client, signing as it goes) or wrk (Debian's wrk, whose script signs each request as it sends it with OpenSSL: far less",
        "CPU per request on the shared machine; scripts/wrk installs it). Warm-up is the java generator either way (default",
        "${DEFAULT-VALUE})."}) Generator generator;

    enum Generator { java, wrk }

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N", description = {"Orders per request: 1 posts each order to POST",
        "/v2/orders; 2 to 20 post N at a time to POST /v2/orders/batch (ADR 0155), and the orders' rate is then orders, not requests,",
        "per second (default ${DEFAULT-VALUE})."}) int batch;

    /** One route's measurement; {@code ofNoop} is this route's rate over the no-op's, same daemon, same run. */
    record Result(String name, long requests, double seconds, double perSecond, double p50Ms, double p99Ms, long errors,
                  String loadBefore, String loadAfter, String note) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.printf("%-70s %,10d %7.2f s %,10.0f /s  p50 %6.2f ms  p99 %7.2f ms  errors %d  load %s -> %s  %s%n", name, requests,
                    seconds, perSecond, p50Ms, p99Ms, errors, loadBefore, loadAfter, note);
            out.flush();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || batch > 20) {
            throw new io.mbp.error.UsageException("--batch: 1 to 20 orders per request (POST /v2/orders/batch takes at most 20), got " + batch);
        }
        Path d = dir.create("mbp-bench-daemon");
        String url = store == Store.sqlite ? EventLogBench.sqliteUrl(d) : EventLogBench.h2Url(d);
        ShardedDaemonsBench.seed(url, clients);
        // the daemon verifies signed requests against keys wrapped in its vault, and the database is new:
        // a throwaway vault key file (random passphrase) under --dir and an admin key in the seeded database
        OperatorKey.ForProcess made = OperatorKey.provisionFile(url, d, ctx.clock());
        RequestSigner signer = RequestSigner.hmac(made.key().keyId(), made.key().secret().getBytes(StandardCharsets.UTF_8));
        Measurements runs = new Measurements(ctx);
        WrkLoad wrk = generator == Generator.wrk ? WrkLoad.onPath() : null;
        Process daemon = start(url, d.resolve("daemon.log"), made);
        try {
            int port = ShardedDaemonsBench.port(daemon);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Load load = new Load(http, signer, port, daemon, wrk, new WrkLoad.Signing(made.key().keyId(),
                    made.key().secret().getBytes(StandardCharsets.UTF_8), clients, ShardedDaemonsBench.MARKETS, batch, d));
            Result orders = perOrder(answered(batch == 1 ? run(load, "POST", "/v2/orders", 201) : run(load, "POST", "/v2/orders/batch", 200), d));
            Result noop = answered(run(load, "GET", "/v2/noop", 200), d);
            String by = wrk == null ? "" : " (wrk)";
            runs.add(named(orders, "daemon: POST /v2/orders" + (batch == 1 ? "" : "/batch, " + batch + " orders per request (rate: orders)")
                    + ", durable group-commit acks, " + clients + " clients, " + store + by,
                    String.format("%.2f x the no-op route; %s", orders.perSecond() / Math.max(1e-9, noop.perSecond()), orders.note())));
            runs.add(named(noop, "daemon: GET /v2/noop, same HTTP stack, no engine (anchor)" + by, "the server's own limit here; "
                    + noop.note()));
        } finally {
            daemon.destroy(); // SIGTERM: drain, commit, exit
            if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
        if (!ShardedDaemonsBench.gapless(url)) {
            throw new IllegalStateException("the log is not gapless after the run: see " + d);
        }
        return runs.done();
    }

    /** A rate of refusals is no measurement (a 401 from an unsigned request answers fast too). */
    private static Result answered(Result r, Path d) {
        if (r.requests() == 0) {
            throw new IllegalStateException(r.name() + ": no request succeeded (" + r.errors() + " errors); see " + d.resolve("daemon.log"));
        }
        return r;
    }

    /** With --batch N, the orders' counts and rate: each answered request carried N orders (its daemon CPU stays per request). */
    private Result perOrder(Result r) {
        return batch == 1 ? r : new Result(r.name(), r.requests() * batch, r.seconds(), r.perSecond() * batch, r.p50Ms(), r.p99Ms(),
                r.errors(), r.loadBefore(), r.loadAfter(), batch + " orders per request, " + r.requests() + " requests; " + r.note());
    }

    private static Result named(Result r, String name, String note) {
        return new Result(name, r.requests(), r.seconds(), r.perSecond(), r.p50Ms(), r.p99Ms(), r.errors(), r.loadBefore(),
                r.loadAfter(), note);
    }

    private Process start(String url, Path log, OperatorKey.ForProcess made) throws IOException {
        List<String> jvm = new ArrayList<>();
        if (jfr != null) {
            jvm.add("-XX:StartFlightRecording=filename=" + jfr.toAbsolutePath() + ",settings=profile");
            jvm.add("-Xlog:jfr+startup=off"); // its banner goes to stdout, where the daemon announces its port
        }
        jvm.addAll(daemonJvmOptions);
        List<String> cmd = new ArrayList<>(DaemonJvm.command(jvm, "--port", "0", "--bench-routes", "--rate-orders", "1000000000",
                "--rate-writes", "1000000000", "--rate-reads", "1000000000", "--max-batch", "4000"));
        if (fsyncOffEngine) {
            cmd.add("--fsync-off-engine");
        }
        if (snapshotEvery != null) {
            cmd.addAll(List.of("--snapshot-every", snapshotEvery.toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("MBP_DB", url);
        made.env(pb.environment()); // $MBP_VAULT_PASSPHRASE and $MBP_KEK_FILE: the daemon unwraps the key's secret
        pb.redirectError(log.toFile());
        return pb.start();
    }

    /** What every route's run shares: the daemon, how to reach it and sign for it, and wrk when it measures. */
    private record Load(HttpClient http, RequestSigner signer, int port, Process daemon, WrkLoad wrk, WrkLoad.Signing signing) { }

    /** The {@code i}-th order of bench client {@code client}: the same mix from either generator. */
    static byte[] orderBody(int client, long i) {
        return ("{\"market\":\"BENCH-" + ((i + client + i / 500) % ShardedDaemonsBench.MARKETS) + "\",\"account\":\"acct-" + client
                + "\",\"outcome\":\"" + ((i & 1) == 0 ? "YES" : "NO") + "\",\"side\":\"buy\",\"amount\":" + (1_000 + (i % 500))
                + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code i}-th request's body of bench client {@code client}: one order, or the next --batch orders as a batch. */
    private byte[] body(int client, long i) {
        if (batch == 1) {
            return orderBody(client, i);
        }
        StringBuilder b = new StringBuilder("{\"orders\":[");
        for (int j = 0; j < batch; j++) {
            b.append(j == 0 ? "" : ",").append(new String(orderBody(client, i * batch + j), StandardCharsets.UTF_8));
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private Result run(Load load, String method, String path, int ok) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + load.port() + path);
        boolean wrk = load.wrk() != null;
        double[] settled = new double[1];
        Window[] window = new Window[1];
        Ended[] ended = new Ended[1];
        // the java generator warms up either way; with wrk it stops after the warm-up and wrk measures
        ClosedLoop.Window w = ClosedLoop.run(clients, 1 << 18, warmup, wrk ? 0 : seconds, (client, i) -> {
            byte[] body = "POST".equals(method) ? body(client, i) : new byte[0];
            HttpRequest.Builder b = HttpRequest.newBuilder(uri);
            if ("POST".equals(method)) {
                b.header("Idempotency-Key", "b" + client + "-" + i).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            }
            load.signer().sign(b, method, path, body);
            return load.http().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == ok;
        }, () -> {
            scrapeMetrics(load.http(), load.port()); // its first answer loads classes: not in the window
            settled[0] = untilJitSettles(load.daemon(), 0, k -> Thread.sleep(1_000)).seconds();
            window[0] = wrk ? null : Window.open(load, method, path, ok);
        }, () -> ended[0] = wrk ? null : window[0].close());
        if (wrk) {
            return measureWithWrk(load, method, path, ok, settled[0]);
        }
        HttpBench.Latencies l = w.latencies();
        Ended end = ended[0];
        String note = end.daemon(l.total(), String.format("warm-up %.0f s + %.0f s until the JIT settled", warmup, settled[0]))
                + end.commits();
        return new Result(method + " " + path, l.total(), w.seconds(), w.perSecond(), l.p50Ms(), l.p99Ms(), w.errors(),
                window[0].loadBefore(), end.loadAfter(), note);
    }

    /**
     * The measured seconds from wrk, after the java generator's warm-up and wrk's own. wrk starts in the next
     * wall-clock second: its writes are signed with the current second too, so none can repeat one of the warm-up's.
     */
    private Result measureWithWrk(Load load, String method, String path, int ok, double settled) throws Exception {
        Settled wrkWarmup = settleWithWrk(load, method, path);
        nextSecond();
        Window window = Window.open(load, method, path, ok);
        WrkLoad.Outcome o = load.wrk().run(load.port(), seconds, method, path, load.signing(), "w");
        Ended end = window.close();
        long answered = o.answered();
        String littles = o.inFlight() > clients * 1.5
                ? String.format("; WRK'S LATENCIES ARE NOT SELF-CONSISTENT: mean %.1f ms x rate = %.0f in flight on %d connections (Little's"
                        + " law): wrk adds, for each answer slower than twice a connection's mean interval (%.1f ms), samples at every interval"
                        + " below it (its coordinated-omission correction), so a few slow answers become its p90/p99 (ADR 0127)",
                        o.meanMs(), o.inFlight(), clients, 1e3 * o.seconds() * clients / Math.max(1, answered))
                : String.format("; mean %.1f ms x rate = %.1f in flight of %d connections", o.meanMs(), o.inFlight(), clients);
        String note = String.format("wrk, %d connections on %d threads, signing with OpenSSL as it sends; ", clients, Math.min(2, clients))
                + end.daemon(answered, String.format("warm-up %.0f s + %.0f s until the JIT settled, java generator; then wrk %.0f s in %d"
                        + " run(s) until it settled again", warmup, settled, wrkWarmup.seconds(), wrkWarmup.steps()))
                + littles + end.commits();
        return new Result(method + " " + path, answered, o.seconds(), answered / o.seconds(), o.p50Ms(), o.p99Ms(), o.errors(),
                window.loadBefore(), end.loadAfter(), note);
    }

    /**
     * The daemon's counters when a measured window opens (both generators measure through one): its CPU
     * by thread, the machine's, and its /metrics, scraped once at each end for the group commits and the
     * route's own latency.
     */
    private record Window(Load load, String method, String path, int ok, String loadBefore, String metrics, long cpu,
                          MachineCpu machine, ThreadCpu threads, long opened) {
        static Window open(Load load, String method, String path, int ok) throws IOException, InterruptedException {
            String before = loadAverage();
            return new Window(load, method, path, ok, before, scrapeMetrics(load.http(), load.port()), cpuNanos(load.daemon()), MachineCpu.now(),
                    ThreadCpu.of(load.daemon().pid()), System.nanoTime());
        }

        /** The counters at the window's end, taken at once (the notes are made later, from both ends). */
        Ended close() throws IOException, InterruptedException {
            long used = cpuNanos(load.daemon()) - cpu;
            MachineCpu m = MachineCpu.now().minus(machine);
            ThreadCpu t = ThreadCpu.of(load.daemon().pid());
            return new Ended(this, used, m, t, scrapeMetrics(load.http(), load.port()), loadAverage(), (System.nanoTime() - opened) / 1e9);
        }
    }

    /** A window's counters at its end; the note's parts are made from both ends. */
    private record Ended(Window start, long cpu, MachineCpu machine, ThreadCpu threads, String metrics, String loadAfter, double seconds) {
        /** The daemon's CPU per answered request (by thread), the machine's, and the route's own latency; {@code warmedUp}: how it was warmed up. */
        String daemon(long answered, String warmedUp) {
            ServerLatency server = ServerLatency.parse(metrics, start.method(), start.path(), start.ok())
                    .minus(ServerLatency.parse(start.metrics(), start.method(), start.path(), start.ok()));
            GcPauses g0 = GcPauses.parse(start.metrics());
            GcPauses g1 = GcPauses.parse(metrics);
            String gc = g0 == null || g1 == null ? "collector pauses n/a (/metrics did not answer)" : g1.since(g0, seconds);
            return String.format("daemon CPU %.0f us/request (%s; %s); %s; %s; %s", cpu / 1e3 / Math.max(1, answered),
                    threads.perRequest(start.threads(), cpu, answered), warmedUp, machine.describe(cpu, answered), server, gc);
        }

        /** For a write, "; " and the group commits in the window; nothing for a read. */
        String commits() {
            if ("GET".equals(start.method())) {
                return "";
            }
            GroupCommits g0 = GroupCommits.parse(start.metrics());
            GroupCommits g1 = GroupCommits.parse(metrics);
            // a /metrics that did not answer (a busy machine's request deadline) reads as zeros: no difference then
            return "; " + (g0 == null || g1 == null ? "group commits n/a (/metrics did not answer)" : g1.minus(g0));
        }
    }

    /** The daemon's /metrics (Prometheus text; not an API route, so unsigned), or null when it does not answer 200. */
    static String scrapeMetrics(HttpClient http, int port) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : null;
    }

    /** One step of a warm-up, the {@code k}-th: a second more of the java generator's load, or one wrk run. */
    private interface WarmupStep {
        void run(int k) throws Exception;
    }

    /** How long a warm-up went on, and in how many steps. */
    private record Settled(double seconds, int steps) { }

    /**
     * Warms up on, step by step, until the JIT compiler's threads use under a tenth of the daemon's CPU over
     * a step, at most {@code --settle} seconds once {@code atLeast} steps are done: a compile still under way
     * is no request's cost (ADR 0135).
     */
    private Settled untilJitSettles(Process daemon, int atLeast, WarmupStep step) throws Exception {
        long t0 = System.nanoTime();
        int steps = 0;
        while (steps < atLeast || (System.nanoTime() - t0) / 1e9 < settle) {
            ThreadCpu a = ThreadCpu.of(daemon.pid());
            step.run(steps++);
            if (ThreadCpu.of(daemon.pid()).share(a, "jit") < 0.10) {
                break;
            }
        }
        return new Settled((System.nanoTime() - t0) / 1e9, steps);
    }

    /**
     * wrk's own warm-up before it measures: at least one run of {@code --warmup} seconds, more until the JIT
     * settles. The java generator's requests differ from wrk's (headers, pacing), and its pause before wrk
     * starts leaves the engine idle, so the first wrk seconds hit paths the compiled code had never taken: it
     * deoptimizes and recompiles, and in the measured window that was 7-10 us of JIT per order (ADR 0320).
     * Each run's idempotency keys have their own prefix, and each starts in a new second, so no write repeats
     * an earlier one.
     */
    private Settled settleWithWrk(Load load, String method, String path) throws Exception {
        return untilJitSettles(load.daemon(), 1, k -> {
            nextSecond();
            load.wrk().run(load.port(), Math.max(1, warmup), method, path, load.signing(), "u" + k + "x");
        });
    }

    /** Sleeps into the next wall-clock second: wrk signs with the current second, so a run after it repeats no signature. */
    private static void nextSecond() throws InterruptedException {
        Thread.sleep(1_000 - System.currentTimeMillis() % 1_000 + 50);
    }

    /** CPU time (user + system) the daemon's process has used so far, in nanoseconds. */
    private static long cpuNanos(Process p) {
        return p.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** The 1-minute load average (Linux), so a busy machine shows in the result. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
