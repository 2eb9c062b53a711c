package io.mbp.bench;

import io.mbp.screening.ListEntity;
import io.mbp.screening.Query;
import io.mbp.screening.ScreeningIndex;
import io.mbp.screening.Screener;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * `mbp bench screening` (docs/benchmarks.md): quality of the matcher on the labelled evaluation set
 * (recall and precision at several thresholds, the default among them), and speed: names screened
 * per second against a generated list (one million entities by default) on every core, with the
 * heap the list's index takes.
 */
public final class ScreeningBench {
    /** The thresholds the evaluation sweeps; the default (ADR 0710) is one of them. */
    public static final List<BigDecimal> SWEEP = List.of(new BigDecimal("0.80"), new BigDecimal("0.84"), new BigDecimal("0.86"),
            Screener.DEFAULT_THRESHOLD, new BigDecimal("0.90"), new BigDecimal("0.92"), new BigDecimal("0.95"));

    public record Quality(int listEntities, int queries, List<ScreeningEvaluation.Quality> byThreshold) {
    }

    /**
     * Wall-clock rate, and the rate per CPU-second of the screening threads (what the machine would do
     * per core if nothing else ran: the shared build machine is often loaded far beyond its 2 cores).
     */
    public record Speed(int entities, int names, int tokens, double buildSeconds, long indexHeapBytes, int queries, int threads,
                        double seconds, double namesPerSecond, double cpuSeconds, double namesPerCpuSecond, long hits) {
    }

    private final long seed;

    public ScreeningBench(long seed) {
        this.seed = seed;
    }

    /** The evaluation set against a {@code listSize}-entity list, {@code perVariant} queries per variant. */
    public Quality quality(int listSize, int perVariant) {
        ScreeningNames names = new ScreeningNames(seed, 3_000, 40_000);
        List<ListEntity> list = names.list(listSize, seed + 1);
        Screener s = new Screener(ScreeningIndex.builder().addAll("eval", 1, list).build());
        List<ScreeningEvaluation.Labelled> set = ScreeningEvaluation.generate(names, list, perVariant, seed + 2);
        List<ScreeningEvaluation.Quality> out = new ArrayList<>();
        for (BigDecimal t : SWEEP) {
            out.add(ScreeningEvaluation.measure(s, set, t));
        }
        return new Quality(listSize, set.size(), out);
    }

    /** Screens {@code queries} names (half variants of listed names, half fresh) against {@code entities} on {@code threads}. */
    public Speed speed(int entities, int queries, int threads) throws Exception {
        long before = usedHeap();
        ScreeningNames names = new ScreeningNames(seed, 3_000, 40_000);
        List<ListEntity> list = names.list(entities, seed + 1);
        long t0 = System.nanoTime();
        ScreeningIndex index = ScreeningIndex.builder().addAll("bench", 1, list).build();
        double build = (System.nanoTime() - t0) / 1e9;
        list = null; // the index holds the entities; the heap below is the list as screening keeps it
        long heap = usedHeap() - before;
        Screener s = new Screener(index);
        SplittableRandom r = new SplittableRandom(seed + 3);
        List<String> qs = new ArrayList<>(queries);
        List<ListEntity> sample = names.list(Math.min(entities, 50_000), seed + 1);
        for (int i = 0; i < queries; i++) {
            if (i % 2 == 0) {
                String v = ScreeningEvaluation.VARIANTS.get(r.nextInt(ScreeningEvaluation.VARIANTS.size()));
                String q = ScreeningEvaluation.variant(v, sample.get(r.nextInt(sample.size())).name(), r);
                qs.add(q == null ? sample.get(r.nextInt(sample.size())).name() : q);
            } else {
                qs.add(String.join(" ", names.person(r)));
            }
        }
        run(s, qs.subList(0, Math.min(qs.size(), 2_000)), threads); // warm-up: JIT and per-thread scratch
        long t1 = System.nanoTime();
        long[] hitsAndCpu = run(s, qs, threads);
        double secs = (System.nanoTime() - t1) / 1e9;
        double cpu = hitsAndCpu[1] / 1e9;
        return new Speed(index.entityCount(), index.nameCount(), tokens(index), build, heap, queries, threads, secs,
                queries / secs, cpu, queries / cpu, hitsAndCpu[0]);
    }

    /** Hits and CPU nanoseconds of the screening threads. */
    private static long[] run(Screener s, List<String> qs, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            int per = (qs.size() + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                List<String> mine = qs.subList(Math.min(qs.size(), t * per), Math.min(qs.size(), (t + 1) * per));
                parts.add(pool.submit(() -> {
                    long cpu0 = mx.getCurrentThreadCpuTime();
                    long h = 0;
                    for (String q : mine) {
                        h += s.screen(Query.person(q, "bench"), Screener.DEFAULT_THRESHOLD).hits().size();
                    }
                    return new long[] {h, mx.getCurrentThreadCpuTime() - cpu0};
                }));
            }
            long[] total = new long[2];
            for (Future<long[]> f : parts) {
                long[] x = f.get();
                total[0] += x[0];
                total[1] += x[1];
            }
            return total;
        } finally {
            pool.shutdown();
        }
    }

    private static int tokens(ScreeningIndex index) {
        return index.tokenCount();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
