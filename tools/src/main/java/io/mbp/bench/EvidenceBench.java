package io.mbp.bench;

import io.mbp.custody.NoteSigner;
import io.mbp.custody.SealService;
import io.mbp.evidence.EvidenceBuilder;
import io.mbp.evidence.EvidenceReports;
import io.mbp.sql.Database;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An evidence bundle of a long log under a small heap (ADR 0604): appends n synthetic events to a
 * fresh store file (the default store, SQLite, unless H2 is asked for), seals them, then builds the
 * bundle of their day and reports the time and the heap's peak beside -Xmx, so "the bundle of a 10
 * M-event log builds within 512 MiB" is measured.
 */
public final class EvidenceBench {
    public record Result(String name, long events, double seconds, double perSecond, String note) {
    }

    /** Where the bench's log lives: SQLite is the embedded default store (ADR 0115); H2 stays selectable. */
    public enum Store { sqlite, h2 }

    public List<Result> run(Path dir, long n, int batch, Store store) {
        List<Result> out = new ArrayList<>();
        String url = store == Store.sqlite ? EventLogBench.sqliteUrl(dir) : EventLogBench.h2Url(dir);
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
            ThreadCpu ticks1 = ThreadCpu.of(ProcessHandle.current().pid());
            long p1 = os.getProcessCpuTime();
            long c1 = threads.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            EvidenceBuilder.Built built = new EvidenceBuilder(db, EvidenceReports.standard()).build(new EvidenceBuilder.Request(
                    new EvidenceBuilder.Scope(LocalDate.parse("2026-11-27"), null), dir.resolve("bundles"), null,
                    dir.resolve("no-formal-pack"), "bench"), signer);
            double s1 = (System.nanoTime() - t1) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - c1) / 1e9;
            double process = (os.getProcessCpuTime() - p1) / 1e9;
            ThreadCpu ticks2 = ThreadCpu.of(ProcessHandle.current().pid());
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
     * "; by thread kind: gc 0.20 s, jit 1.50 s, ..." between two snapshots, or nothing where /proc is not there.
     * The reports' thread has ended by the second snapshot (its ticks left the task list with it), so its
     * CPU is the process's total less the threads still alive.
     */
    static String byThread(ThreadCpu before, ThreadCpu after, double processSeconds) {
        if (before.ticks().isEmpty() || after.ticks().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("; by thread kind:");
        double alive = 0;
        for (String k : List.of("jit", "gc", "other")) {
            double sec = after.seconds(before, k);
            alive += sec;
            b.append(String.format(" %s %.2f s,", k.equals("other") ? "building thread and the rest" : k, sec));
        }
        return b.append(String.format(" ended threads (the reports') %.2f s", processSeconds - alive)).toString();
    }
}
