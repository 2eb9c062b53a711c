package io.mbp.cli.daemon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the daemon's GET /metrics exposes, in Prometheus's text format through Micrometer's Prometheus
 * registry (docs/adr/0012, docs/slo.md lists every name). Request latency histograms have fixed
 * buckets around the API's latency objective (p95 ≤ 180 ms) so a PromQL ratio over {@code le="0.18"}
 * is exact; routes are the templates of docs/openapi.yaml, never a raw path, so labels stay few.
 */
public final class DaemonMetrics implements AutoCloseable {
    /** The latency objective's threshold: a bucket boundary, so the SLI needs no interpolation. */
    static final Duration LATENCY_OBJECTIVE = Duration.ofMillis(180);
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), LATENCY_OBJECTIVE, Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DistributionSummary commitSize;
    private final Timer commitLatency;
    private final Timer commitCpu;
    private final MultiGauge halts;
    private final MultiGauge spread;
    private final MultiGauge slippage;
    private final MultiGauge depth;
    private final MultiGauge oracleMode;
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> requestTimers = new java.util.concurrent.ConcurrentHashMap<>();
    /** The collector's pauses ({@code jvm_gc_pause_seconds}): on a busy daemon they are what makes an answer late (ADR 0158). */
    private final JvmGcMetrics gcPauses = new JvmGcMetrics();

    DaemonMetrics() {
        commitSize = DistributionSummary.builder("mbp.group.commit.size").description("API commands per group commit")
                .serviceLevelObjectives(1, 2, 5, 10, 50, 100, 500, 1000, 2000).register(registry);
        commitLatency = Timer.builder("mbp.group.commit.latency").description("One group commit, append and sync")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1))
                .register(registry);
        commitCpu = Timer.builder("mbp.group.commit.cpu").description("The engine thread's CPU time in one group commit: "
                + "latency minus this is waiting (disk sync, a busy machine's run queue)").register(registry);
        halts = MultiGauge.builder("mbp.market.halt.level").description("Markets per halt level (normal, warn, soft, hard)")
                .register(registry);
        spread = MultiGauge.builder("mbp.market.spread.bps")
                .description("Round-trip spread of a reference-size buy then sell of the first outcome, basis points").register(registry);
        slippage = MultiGauge.builder("mbp.market.slippage.bps")
                .description("Slippage of a reference-size buy of the first outcome against its marginal price, basis points")
                .register(registry);
        depth = MultiGauge.builder("mbp.market.depth.2pct.centavos")
                .description("Centavos a buy of the first outcome takes to lift its price by 2%").register(registry);
        oracleMode = MultiGauge.builder("mbp.oracle.twap.mode")
                .description("1 while an oracle event is on TWAP failover, 0 on consensus").register(registry);
        gcPauses.bindTo(registry);
    }

    /** Stops listening to the collector (its listeners are the JVM's, and would outlive a closed daemon in a test JVM). */
    @Override
    public void close() {
        gcPauses.close();
    }

    /** Gauges read from the engine loop (queue depth, log size) and the injected-fault setting. */
    void bind(Supplier<Number> queueDepth, Supplier<Number> logSize) {
        Gauge.builder("mbp.engine.queue.depth", queueDepth).description("Requests waiting for the engine thread").register(registry);
        Gauge.builder("mbp.log.size", logSize).description("Events in the log the daemon has committed or followed")
                .register(registry);
    }

    /** One answered API request; {@code route} is a template such as /v2/markets/{id}. */
    void request(String method, String route, int status, long nanos) {
        // a builder and registry lookup per request cost more than recording; routes and statuses are few
        requestTimers.computeIfAbsent(method + ' ' + route + ' ' + status, k -> Timer.builder("mbp.http.server.requests")
                .description("API requests by route, method and status")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A request refused by a token bucket (orders, writes, reads). */
    void rateLimited(String group) {
        Counter.builder("mbp.rate.limit.rejections").description("Requests refused by the rate limits (429)")
                .tag("group", group).register(registry).increment();
    }

    void groupCommit(int commands, long nanos, long cpuNanos) {
        commitSize.record(commands);
        commitLatency.record(nanos, TimeUnit.NANOSECONDS);
        if (cpuNanos >= 0) {
            commitCpu.record(cpuNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** One fsync of the log off the engine thread (ADR 0124) and the group commits it made durable. */
    void logFsync(long nanos, int commits) {
        fsyncLatency.record(nanos, TimeUnit.NANOSECONDS);
        fsyncCommits.record(commits);
    }

    private final Timer fsyncLatency = Timer.builder("mbp.log.fsync").description("One fsync of the event log before the answers"
            + " of the group commits it covers (SQLite, ADR 0124)").publishPercentileHistogram().register(registry);
    private final DistributionSummary fsyncCommits = DistributionSummary.builder("mbp.log.fsync.commits")
            .description("Group commits one fsync of the event log made durable").register(registry);

    /** Where one group commit's wall time went (docs/slo.md): its stages, then answering the batch. */
    void commitStages(io.mbp.market.MarketService.CommitStages s, long ackNanos) {
        stages[0].record(s.catchUp(), TimeUnit.NANOSECONDS);
        stages[1].record(s.decide(), TimeUnit.NANOSECONDS);
        stages[2].record(s.canonicalize(), TimeUnit.NANOSECONDS);
        stages[3].record(s.append(), TimeUnit.NANOSECONDS);
        stages[4].record(s.sync(), TimeUnit.NANOSECONDS);
        stages[5].record(ackNanos, TimeUnit.NANOSECONDS);
    }

    /** The stage names of {@code mbp_group_commit_stage_seconds}, in a commit's order. */
    static final List<String> STAGES = List.of("catch_up", "decide", "canonicalize", "append", "sync", "ack");
    private final Timer[] stages = STAGES.stream().map(n -> Timer.builder("mbp.group.commit.stage")
            .description("One stage of a group commit: catch_up (writers' lock, other writers' events), decide, canonicalize, "
                    + "append (leaf hash, insert), sync (commit; its fsync too unless the log is synced off the engine thread, "
                    + "see mbp_log_fsync_seconds), ack (answering the batch)")
            .tag("stage", n).register(registry)).toArray(Timer[]::new);

    /**
     * A market snapshot written (ADR 0127): the engine thread's freeze, the rendering off it, and the write, by
     * the snapshot thread ({@code apart}) or the engine thread.
     */
    void snapshot(long freezeNanos, long renderNanos, long writeNanos, boolean apart) {
        String writer = apart ? "snapshot" : "engine";
        snapshotStage("freeze", "engine", freezeNanos);
        snapshotStage("render", "snapshot", renderNanos);
        snapshotStage("write", writer, writeNanos);
    }

    private void snapshotStage(String stage, String thread, long nanos) {
        Timer.builder("mbp.market.snapshot.stage").description("One stage of a market snapshot and the thread it ran on: "
                + "freeze (engine), render (snapshot), write (snapshot, or engine on an in-memory database); ADR 0127")
                .tag("stage", stage).tag("thread", thread).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A market snapshot that was not written (logged; the next is due --snapshot-every events on). */
    void snapshotFailed() {
        Counter.builder("mbp.market.snapshot.failures").description("Market snapshots not written (the next is due "
                + "--snapshot-every events on; ADR 0127)").register(registry).increment();
    }

    /** One invariant check of the committed state (every second): ok, or violated (the daemon stops). */
    void invariantCheck(boolean ok) {
        Counter.builder("mbp.invariant.checks").description("Invariant checks of the committed market state")
                .tag("result", ok ? "ok" : "violated").register(registry).increment();
    }

    /** The engine thread's per-second watch of the markets (see {@link MarketWatch}). */
    void watch(MarketWatch.Figures f) {
        // only handed over: the rows are rewritten by the scrape, never beside it (see scrape())
        figures.set(f);
    }

    private final java.util.concurrent.atomic.AtomicReference<MarketWatch.Figures> figures = new java.util.concurrent.atomic.AtomicReference<>();

    private void rewriteRows(MarketWatch.Figures f) {
        halts.register(f.halts().entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("level", e.getKey()), e.getValue())).toList(), true);
        spread.register(rows(f.spreadBps()), true);
        slippage.register(rows(f.slippageBps()), true);
        depth.register(rows(f.depthCentavos()), true);
        oracleMode.register(f.twapEvents().entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("event", e.getKey()), e.getValue() ? 1 : 0)).toList(), true);
    }

    private static List<MultiGauge.Row<?>> rows(java.util.Map<String, Long> byMarket) {
        return byMarket.entrySet().stream().<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("market", e.getKey()), e.getValue()))
                .toList();
    }

    /**
     * The Prometheus text exposition (format 0.0.4), with the market rows of the engine's latest figures.
     * MultiGauge rewrites a row by removing and re-adding it: a scrape in between would miss the row or see
     * it twice and fail with DuplicateLabelsException (micrometer-metrics/micrometer#6851), so the rows are
     * rewritten here, one scrape at a time, and never while another scrape reads them.
     */
    synchronized String scrape() {
        MarketWatch.Figures f = figures.getAndSet(null);
        if (f != null) {
            rewriteRows(f);
        }
        return registry.scrape();
    }

    /** The route template a path is counted under: bounded label values whatever a client sends. */
    static String route(String path) {
        if (path == null) {
            return "invalid";
        }
        if ("/v2/noop".equals(path)) {
            return path; // --bench-routes' anchor (ADR 0320): `bench daemon` reads its latency beside the orders'
        }
        String[] parts = (path.startsWith("/") ? path.substring(1) : path).split("/");
        if (Routes.methods(parts).isEmpty()) {
            return "unmatched";
        }
        if ("oracle".equals(parts[1]) && parts.length >= 4) {
            // one series per view, never one per oracle event id
            return "/v2/oracle/events/{id}" + (parts.length == 5 ? "/" + parts[4] : "");
        }
        if (parts.length == 3 && !"kyc".equals(parts[1]) && !"orders".equals(parts[1])) {
            return "/v2/" + parts[1] + "/{id}";
        }
        return "/" + String.join("/", parts);
    }
}
