package io.mbp.bench;

import io.mbp.recon.CleanPairs;
import io.mbp.recon.Matcher;
import io.mbp.recon.Movement;
import io.mbp.recon.ReconExceptionRaised;
import io.mbp.statement.StatementLine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code mbp bench recon}: N ledger movements against N statement lines from two CSV files, with
 * a bounded heap. Both files are read into primitive columns, one thread per file: plain lines
 * split as bytes, anything else by FastCSV (ADR 0130, 0143). When they fit a third of the heap, the
 * columns stay in it: clean E2EID pairs ({@link CleanPairs}) over all rows, then the daily {@link Matcher} over the rest. Larger files
 * go through a grace hash join: partitioned by E2EID into binary spill files, each partition
 * paired and matched the same way, and what is left (missing/unexpected) gets one last Matcher
 * pass together, so reference and amount+counterparty matching still see everything. DuckDB, when
 * on the class path (Maven profile {@code bench}), joins the same two CSVs in the same JVM.
 */
public final class ReconBench {
    public static final LocalDate DAY = LocalDate.parse("2026-11-27");
    private final int partitions;
    /** Per thread of the partition join: the arrays its last partition's two spill files were read into. */
    private final ThreadLocal<byte[][]> readBuffers = ThreadLocal.withInitial(() -> new byte[2][]);

    public ReconBench(int partitions) {
        if (partitions < 1 || partitions > 4096) {
            throw new IllegalArgumentException("partitions must be 1..4096");
        }
        this.partitions = partitions;
    }

    public record Generated(long movements, long lines, double seconds, long bytes) {
    }

    public record Outcome(String name, double seconds, double cpuSeconds, long matchedLines, long matchedAmount,
                          long exceptions, long peakHeapBytes, String note) {
    }

    /**
     * The JIT this JVM compiles with, named in the result: scripts/mbp runs {@code bench recon} with C1
     * only (ADR 0149), and a run with another JIT says so.
     */
    static String jit() {
        try {
            var hs = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (!Boolean.parseBoolean(hs.getVMOption("TieredCompilation").getValue())) {
                return "JIT C2 only";
            }
            return Integer.parseInt(hs.getVMOption("TieredStopAtLevel").getValue()) < 4 ? "JIT C1 only" : "JIT C1 + C2";
        } catch (RuntimeException e) {
            return "JIT not known";
        }
    }

    /** CPU time of the whole process (all threads, native ones too): fairer than wall time on a busy machine. */
    static double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** Writes ledger.csv and statement.csv into {@code dir} ({@link ReconFiles}). */
    public Generated generate(Path dir, int n, long seed) throws IOException {
        return ReconFiles.write(dir, n, seed);
    }

    /** How {@link #ours(Path, Mode)} holds the rows: in the heap when both CSVs fit a third of it, else spill files. */
    public enum Mode { AUTO, IN_MEMORY, SPILL }

    /** Our reconciliation of the two files, in the heap when they fit it (ADR 0130), else through spill partitions. */
    public Outcome ours(Path dir) throws Exception {
        return ours(dir, Mode.AUTO);
    }

    /** Both CSVs of at most this many bytes together are reconciled without spill files (a third of the heap). */
    static long inMemoryLimit() {
        return Runtime.getRuntime().maxMemory() / 3;
    }

    public Outcome ours(Path dir, Mode mode) throws Exception {
        Path ledger = dir.resolve("ledger.csv");
        Path statement = dir.resolve("statement.csv");
        boolean inMemory = switch (mode) {
            case IN_MEMORY -> true;
            case SPILL -> false;
            case AUTO -> Files.size(ledger) + Files.size(statement) <= inMemoryLimit();
        };
        return inMemory ? inMemory(ledger, statement) : spilled(dir);
    }

    /**
     * Both files parsed at once (one thread each) straight into columns, clean pairs over all rows, the
     * Matcher over the residue: one partition, so no leftover pass, and no spill file written or read.
     */
    private Outcome inMemory(Path ledger, Path statement) throws Exception {
        resetPeaks();
        double c0 = cpuSeconds();
        long t0 = System.nanoTime();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> columns(ledger));
            var b = pool.submit(() -> columns(statement));
            SpillRows.Columns mc = a.get();
            SpillRows.Columns lc = b.get();
            double parsed = (System.nanoTime() - t0) / 1e9;
            long[] r = matchColumns(mc, lc, null, null, pool);
            double s = (System.nanoTime() - t0) / 1e9;
            return new Outcome("mbp recon (plain CSV lines split as bytes, FastCSV for the rest, into columns in the heap, one thread per file; clean E2EID pairs + Matcher on the rest; " + jit() + ")",
                    s, cpuSeconds() - c0, r[0], r[1], r[2], peakHeap(), String.format(
                            "parsing %.1f s; %,d + %,d rows left to the Matcher", parsed, r[3], r[4]));
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static SpillRows.Columns columns(Path csv) throws IOException {
        SpillRows.Arena arena = new SpillRows.Arena(Files.size(csv) + Files.size(csv) / 8);
        try (SpillRows.Writer w = new SpillRows.Writer(arena)) {
            ReconCsv.read(csv, (buf, off, len, d, amt, line) -> w.row(buf, off, len, d, amt, CleanPairs.hash(buf, off[3], len[3])));
        }
        return arena.columns();
    }

    /** The grace hash join for files larger than the heap allows: 2 threads (one per file, then one per partition). */
    private Outcome spilled(Path dir) throws Exception {
        resetPeaks();
        double c0 = cpuSeconds();
        long t0 = System.nanoTime();
        Path spill = Files.createDirectories(dir.resolve("spill"));
        List<Movement> leftE = java.util.Collections.synchronizedList(new ArrayList<>());
        List<StatementLine> leftL = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        boolean done = false;
        try {
            var a = pool.submit(() -> partition(dir.resolve("ledger.csv"), spill, "L",
                    (no, k, d, amt, e, ref, cp) -> leftE.add(movement(k, d, amt, e, ref, cp))));
            var b = pool.submit(() -> partition(dir.resolve("statement.csv"), spill, "S",
                    (no, k, d, amt, e, ref, cp) -> leftL.add(line(no, k, d, amt, e, ref, cp))));
            a.get();
            b.get();
            double partitioned = (System.nanoTime() - t0) / 1e9;
            double partitionedCpu = cpuSeconds() - c0;
            List<java.util.concurrent.Future<long[]>> parts = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                int part = p;
                parts.add(pool.submit(() -> matchPartition(spill, part, leftE, leftL)));
            }
            long matchedLines = 0;
            long matchedAmount = 0;
            long exceptions = 0;
            for (var f : parts) {
                long[] r = f.get();
                matchedLines += r[0];
                matchedAmount += r[1];
                exceptions += r[2];
            }
            Matcher.Result last = Matcher.match(DAY, leftE, leftL, Set.of());
            matchedLines += last.matchedLines();
            matchedAmount += last.matchedAmount();
            exceptions += last.exceptions().size();
            double s = (System.nanoTime() - t0) / 1e9;
            done = true;
            return new Outcome("mbp recon (plain CSV lines split as bytes, FastCSV for the rest; grace hash join, " + partitions + " partitions, clean E2EID pairs on columns + Matcher per partition, 2 threads, " + jit() + ")",
                    s, cpuSeconds() - c0, matchedLines, matchedAmount, exceptions, peakHeap(), String.format(
                            "partitioning %.1f s wall, %.1f s cpu; leftovers re-matched together: %d", partitioned, partitionedCpu,
                            leftE.size() + leftL.size()));
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            // A bad row in one file fails its task while the other file's task is still writing partitions:
            // wait for it, then drop every spill file, so nothing half-written is left behind the error.
            // A task still writing after a minute keeps its folder: deleting under it would only fail it again.
            if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES) && !done) {
                io.mbp.evidence.BundleFiles.deleteTree(spill);
            }
        }
    }

    interface Leftover {
        void accept(long no, String k, String d, long a, String e, String ref, String cp);
    }

    /** Streams one CSV into partitions spill files by E2EID; rows without one go straight to the leftovers. */
    private Void partition(Path csvFile, Path spill, String prefix, Leftover left) throws IOException {
        SpillRows.Writer[] out = new SpillRows.Writer[partitions];
        for (int p = 0; p < partitions; p++) {
            out[p] = new SpillRows.Writer(spill.resolve(prefix + p));
        }
        long[] no = {0};
        try {
            ReconCsv.read(csvFile, (buf, off, len, d, amt, line) -> {
                no[0]++;
                if (len[3] == 0) {
                    left.accept(no[0], new String(buf, off[0], len[0], StandardCharsets.UTF_8), String.valueOf((char) d), amt, "",
                            new String(buf, off[4], len[4], StandardCharsets.UTF_8), new String(buf, off[5], len[5], StandardCharsets.UTF_8));
                } else {
                    int h = CleanPairs.hash(buf, off[3], len[3]);
                    out[part(h)].row(buf, off, len, d, amt, h);
                }
            });
        } finally {
            for (SpillRows.Writer o : out) {
                o.close();
            }
        }
        return null;
    }

    /**
     * One partition: clean E2EID pairs counted on primitive columns ({@link CleanPairs}), the rest through
     * the Matcher in file order; its missing/unexpected rows go on to the final pass.
     */
    private long[] matchPartition(Path spill, int p, List<Movement> leftE, List<StatementLine> leftL)
            throws Exception {
        byte[][] reuse = readBuffers.get();
        SpillRows.Columns mc = SpillRows.read(spill.resolve("L" + p), reuse[0]);
        SpillRows.Columns lc = SpillRows.read(spill.resolve("S" + p), reuse[1]);
        long[] r = matchColumns(mc, lc, leftE, leftL, null);
        // matchColumns keeps nothing of the columns (the Matcher's rows are decoded into strings): this
        // thread's next partition is read into the same arrays (SpillRows.read says why).
        reuse[0] = mc.bytes();
        reuse[1] = lc.bytes();
        Files.delete(spill.resolve("L" + p));
        Files.delete(spill.resolve("S" + p));
        return r;
    }

    /**
     * Clean pairs, then the Matcher over the rest in file order. With {@code leftE}/{@code leftL} (a
     * partition) its missing/unexpected rows go there for the final pass and are not counted; without
     * (all rows at once) every exception counts. Returns matched lines, amount, exceptions, and the
     * movements and lines the Matcher saw. With a {@code pool}, the pairing runs in two halves on it.
     */
    private static long[] matchColumns(SpillRows.Columns mc, SpillRows.Columns lc, List<Movement> leftE,
                                       List<StatementLine> leftL, java.util.concurrent.ExecutorService pool) throws Exception {
        CleanPairs.Result pairs;
        if (pool == null) {
            pairs = CleanPairs.pair(mc.side(), lc.side());
        } else {
            var half = pool.submit(() -> CleanPairs.pair(mc.side(), lc.side(), 1, 2));
            pairs = CleanPairs.pair(mc.side(), lc.side(), 0, 2).plus(half.get());
        }
        List<Movement> ms = new ArrayList<>();
        List<StatementLine> ls = new ArrayList<>();
        for (int i = 0; i < mc.n(); i++) {
            if (!pairs.pairedMovements()[i]) {
                String[] f = mc.decode(i);
                ms.add(movement(f[0], f[1], Long.parseLong(f[2]), f[3], f[4], f[5]));
            }
        }
        for (int j = 0; j < lc.n(); j++) {
            if (!pairs.pairedLines()[j]) {
                String[] f = lc.decode(j);
                ls.add(line(j + 1, f[0], f[1], Long.parseLong(f[2]), f[3], f[4], f[5]));
            }
        }
        Matcher.Result res = Matcher.match(DAY, ms, ls, Set.of());
        long matched = res.matchedLines() + pairs.matchedLines();
        long amount = res.matchedAmount() + pairs.matchedAmount();
        if (leftE == null) {
            return new long[] {matched, amount, res.exceptions().size(), ms.size(), ls.size()};
        }
        java.util.Set<String> missing = new java.util.HashSet<>();
        java.util.Set<String> unexpected = new java.util.HashSet<>();
        long exceptions = 0;
        for (ReconExceptionRaised x : res.exceptions()) {
            if (x.kind().equals("missing")) {
                missing.add(x.movementKey());
            } else if (x.kind().equals("unexpected")) {
                unexpected.add(x.lineId());
            } else {
                exceptions++;
            }
        }
        for (Movement m : ms) {
            if (missing.contains(m.key())) {
                leftE.add(m);
            }
        }
        for (StatementLine l : ls) {
            if (unexpected.contains(l.lineId())) {
                leftL.add(l);
            }
        }
        return new long[] {matched, amount, exceptions, ms.size(), ls.size()};
    }

    /** DuckDB joining the same files (full outer join on e2eid+direction), or null if its driver is absent. */
    public Outcome duckdb(Path dir, String memoryLimit) throws Exception {
        return ReconDuckDb.join(dir, memoryLimit);
    }

    private static Movement movement(String key, String d, long amount, String e2e, String ref, String cp) {
        return new Movement(key, DAY, d.charAt(0), amount, e2e, ref, cp, "BENCH", false);
    }

    private static StatementLine line(long no, String id, String d, long amount, String e2e, String ref, String cp) {
        return new StatementLine(no, id, "bench", DAY, DAY, d.charAt(0), amount, e2e, ref, cp, "PIX_OUT");
    }

    /**
     * The id's hash's top bits, scaled to the partition count: CleanPairs' table takes its slot from the
     * low bits, so the rows of one partition still spread over the whole table.
     */
    private int part(int idHash) {
        return (int) (((idHash & 0xFFFFFFFFL) * partitions) >>> 32);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) {
                b.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) {
                sum += b.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
