package io.mbp.bench;

import io.mbp.oracle.Aggregator;
import io.mbp.oracle.Kind;
import io.mbp.oracle.OracleCommand;
import io.mbp.oracle.OracleEngine;
import io.mbp.oracle.OracleEvent;
import io.mbp.oracle.OracleEventRegistered;
import io.mbp.oracle.OracleParams;
import io.mbp.oracle.OracleSpec;
import io.mbp.oracle.OracleState;
import io.mbp.oracle.PanelSource;
import io.mbp.oracle.Report;
import io.mbp.oracle.ReportReceived;
import io.mbp.oracle.RoundAggregated;
import io.mbp.oracle.SourceRegistered;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures the pure aggregation step: synthetic numeric events, each with a 7-source panel and
 * its share of the reports (observed over the two hours before the round, a few stale, a few
 * outliers), aggregated with {@link Aggregator#aggregate}. No database, no events: the number is
 * the ceiling the oracle's decision logic puts on throughput.
 */
public final class OracleBench {
    public record Result(String name, long reports, long events, int threads, double seconds, double reportsPerSecond,
                         double roundsPerSecond, String note) {
    }

    private static final long AT = Instant.parse("2026-11-27T16:00:00Z").getEpochSecond();
    private static final int PANEL = 7;

    private final List<OracleSpec> specs = new ArrayList<>();
    private final List<List<PanelSource>> panels = new ArrayList<>();
    private final List<List<Report>> reports = new ArrayList<>();
    private final long totalReports;

    public OracleBench(long reportCount, int eventCount, long seed) {
        Random rnd = new Random(seed);
        long perEvent = reportCount / eventCount;
        long extra = reportCount % eventCount;
        long made = 0;
        for (int e = 0; e < eventCount; e++) {
            specs.add(new OracleSpec("ev-" + e, Kind.NUMERIC, null, BigDecimal.ZERO, new BigDecimal("1000000"), List.of(),
                    Instant.ofEpochSecond(AT + 86_400), 1_800, 7_200, List.of()));
            List<PanelSource> panel = new ArrayList<>(PANEL);
            for (int s = 0; s < PANEL; s++) {
                panel.add(new PanelSource("src-" + ((e * 3 + s * 7) % 50), 500 + rnd.nextInt(2_500)));
            }
            panels.add(panel);
            long base = 10_000 + rnd.nextInt(5_000_000);
            long n = perEvent + (e < extra ? 1 : 0);
            List<Report> list = new ArrayList<>((int) n);
            for (long i = 0; i < n; i++) {
                PanelSource src = panel.get((int) (i % PANEL));
                long noise = rnd.nextInt(2_001) - 1_000;
                long cents = rnd.nextInt(100) == 0 ? base * 2 : base + base * noise / 200_000;
                BigDecimal v = BigDecimal.valueOf(cents, 4);
                list.add(new Report(src.id(), AT - rnd.nextInt(7_200), v.toPlainString(), v));
            }
            reports.add(list);
            made += n;
        }
        this.totalReports = made;
    }

    public long totalReports() {
        return totalReports;
    }

    /** One pass over every event with {@code threads} workers; returns the result and a checksum in the note. */
    public Result run(int threads) throws Exception {
        OracleParams p = OracleParams.DEFAULTS;
        int n = specs.size();
        long start = System.nanoTime();
        long consensus;
        if (threads <= 1) {
            consensus = slice(p, 0, n);
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Long>> parts = new ArrayList<>();
                int chunk = (n + threads - 1) / threads;
                for (int t = 0; t < threads; t++) {
                    int from = t * chunk;
                    int to = Math.min(n, from + chunk);
                    parts.add(pool.submit(() -> slice(p, from, to)));
                }
                consensus = 0;
                for (Future<Long> f : parts) {
                    consensus += f.get();
                }
            } finally {
                pool.shutdown();
            }
        }
        double s = (System.nanoTime() - start) / 1e9;
        return new Result("pure aggregation (freshness, quorum, weighted median, divergence, metrics)", totalReports, n,
                threads, s, totalReports / s, n / s, consensus + " of " + n + " rounds reached consensus");
    }

    /**
     * The same rounds through the engine: {@code decide(state, Aggregate, clock)} builds every
     * {@link RoundAggregated}, and each is encoded to its canonical JSON as the log would store
     * it. Still no database. The state is built once by evolving SourceRegistered,
     * OracleEventRegistered and ReportReceived events (not timed).
     */
    public Result engineRun() {
        OracleState state = new OracleState(OracleParams.DEFAULTS);
        java.util.Set<String> sources = new java.util.TreeSet<>();
        panels.forEach(pl -> pl.forEach(ps -> sources.add(ps.id())));
        for (String id : sources) {
            state.evolve(new SourceRegistered(id, id, 1_000));
        }
        for (int e = 0; e < specs.size(); e++) {
            OracleSpec sp = specs.get(e);
            state.evolve(new OracleEventRegistered(sp.id(), "numeric", null, "0", "1000000", null,
                    sp.resolvesAt().toString(), sp.stalenessSeconds(), sp.disputeWindowSeconds(),
                    panels.get(e).stream().map(PanelSource::id).distinct().toList()));
            for (Report r : reports.get(e)) {
                state.evolve(new ReportReceived(r.source(), sp.id(), Instant.ofEpochSecond(r.observedAtEpochSecond()).toString(), r.raw()));
            }
        }
        io.mbp.events.EventTypes types = io.mbp.catalog.EventCatalog.standard();
        java.time.Clock clock = java.time.Clock.fixed(Instant.ofEpochSecond(AT), java.time.ZoneOffset.UTC);
        long start = System.nanoTime();
        List<OracleEvent> out = OracleEngine.decide(state, new OracleCommand.Aggregate(List.of()), clock);
        long bytes = 0;
        for (OracleEvent e : out) {
            bytes += types.encode(e).length();
        }
        double s = (System.nanoTime() - start) / 1e9;
        return new Result("engine round: decide + RoundAggregated canonical JSON (no database)", totalReports, specs.size(), 1,
                s, totalReports / s, specs.size() / s, out.size() + " events, " + bytes + " canonical payload bytes");
    }

    private long slice(OracleParams p, int from, int to) {
        long consensus = 0;
        for (int e = from; e < to; e++) {
            if (Aggregator.aggregate(specs.get(e), p, panels.get(e), reports.get(e), AT).healthy()) {
                consensus++;
            }
        }
        return consensus;
    }
}
