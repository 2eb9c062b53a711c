package io.mbp.bench;

import io.mbp.custody.NoteSigner;
import io.mbp.custody.SealService;
import io.mbp.evidence.EvidenceBuilder;
import io.mbp.evidence.EvidenceReports;
import io.mbp.sql.Database;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An evidence bundle of a long log under a small heap (ADR 0604): appends n synthetic events to a
 * fresh H2 file, seals them, then builds the bundle of their day and reports the time and the
 * heap's peak beside -Xmx, so "the bundle of a 10 M-event log builds within 512 MiB" is measured.
 */
public final class EvidenceBench {
    public record Result(String name, long events, double seconds, double perSecond, String note) {
    }

    public List<Result> run(Path dir, long n, int batch) {
        List<Result> out = new ArrayList<>();
        String url = EventLogBench.h2Url(dir);
        EventLogBench.Result appended = new EventLogBench().append(url, n, batch, done -> { });
        out.add(new Result(appended.name(), n, appended.seconds(), appended.perSecond(), ""));
        NoteSigner signer = new NoteSigner("bench.example/log", new byte[32]);
        try (Database db = Database.openMigrated(url)) {
            long t0 = System.nanoTime();
            new SealService(db, Clock.systemUTC()).seal(signer, SealService.Audit.FULL);
            double s = (System.nanoTime() - t0) / 1e9;
            out.add(new Result("seal, full audit (" + db.engine() + ")", n, s, n / s, "first checkpoint"));
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            // CPU seconds of the building thread beside the wall time: on a busy machine the wall time
            // measures the other work as much as ours (the build is one thread; H2's writer aside).
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            // The reports run on a second thread (ADR 0142): the whole process's CPU time is the honest total
            // (it also counts GC and the JIT compiler, so it is an upper bound of the build's own work).
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            Map<String, Long> ticks1 = threadTicks();
            long p1 = os.getProcessCpuTime();
            long c1 = threads.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            EvidenceBuilder.Built built = new EvidenceBuilder(db, EvidenceReports.standard()).build(new EvidenceBuilder.Request(
                    new EvidenceBuilder.Scope(LocalDate.parse("2026-11-27"), null), dir.resolve("bundles"), null,
                    dir.resolve("no-formal-pack"), "bench"), signer);
            double s1 = (System.nanoTime() - t1) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - c1) / 1e9;
            double process = (os.getProcessCpuTime() - p1) / 1e9;
            Map<String, Long> ticks2 = threadTicks();
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            out.add(new Result("evidence build of the whole log", built.treeSize(), s1, built.treeSize() / s1,
                    String.format("heap peak %d MiB (summed pools, an upper bound) of -Xmx %d MiB; cpu %.2f s (%,.0f events per cpu s)"
                                    + " on the building thread, %.2f s the whole process (%,.0f events per process cpu s)%s",
                            peak >> 20, Runtime.getRuntime().maxMemory() >> 20, cpu, built.treeSize() / cpu, process,
                            built.treeSize() / process, byThread(ticks1, ticks2, process))));
        }
        return out;
    }

    /**
     * CPU ticks (USER_HZ, 10 ms) of this process's threads so far, by kind (Linux: /proc/self/task/<tid>/stat;
     * empty elsewhere): the JIT compilers, the collector, and the rest (the building thread, H2's). On a 4-second build the JIT's share is no event's work, yet it is in the process's CPU.
     */
    static Map<String, Long> threadTicks() {
        Map<String, Long> t = new TreeMap<>();
        try (Stream<Path> s = Files.list(Path.of("/proc/self/task"))) {
            s.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int close = stat.lastIndexOf(')'); // "tid (comm) state ...": comm may hold spaces and parentheses
                    String comm = stat.substring(stat.indexOf('(') + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    String kind = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? "jit"
                            : comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread") ? "gc" : "other";
                    t.merge(kind, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum); // utime + stime
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read: its ticks are gone either way
                }
            });
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return t;
    }

    /**
     * "; by thread kind: gc 0.20 s, jit 1.50 s, ..." between two snapshots, or nothing where /proc is not there.
     * The reports' thread has ended by the second snapshot (its ticks left the task list with it), so its
     * CPU is the process's total less the threads still alive.
     */
    static String byThread(Map<String, Long> before, Map<String, Long> after, double processSeconds) {
        if (before.isEmpty() || after.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("; by thread kind:");
        double alive = 0;
        for (String k : List.of("jit", "gc", "other")) {
            double sec = (after.getOrDefault(k, 0L) - before.getOrDefault(k, 0L)) / 100.0;
            alive += sec;
            b.append(String.format(" %s %.2f s,", k.equals("other") ? "building thread and the rest" : k, sec));
        }
        return b.append(String.format(" ended threads (the reports') %.2f s", processSeconds - alive)).toString();
    }
}
