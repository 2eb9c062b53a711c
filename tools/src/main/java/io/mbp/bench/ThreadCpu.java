package io.mbp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU a process's threads have used so far, by component (Linux: {@code /proc/<pid>/task/<tid>/stat}),
 * so `mbp bench daemon` can say where a request's CPU goes (the HTTP threads, the engine thread, or
 * the JVM's own JIT compiler and garbage collector) and `mbp bench evidence` how much of a build's
 * CPU was the JIT's. The last two are no request's work: on a busy
 * machine the C2 compiler was still at work during a 3-second warm-up and counted as per-order cost.
 * Ticks are in USER_HZ (10 ms); over a 10-second run that is fine enough for shares.
 */
public record ThreadCpu(Map<String, Long> ticks) {
    /** The components, in the order they are printed. */
    public static final String[] COMPONENTS = {"http", "engine", "jit", "gc", "other"};

    /** Which component a thread is, by its name as the kernel keeps it (the first 15 characters). */
    public static String component(String comm) {
        if (comm.startsWith("http")) {
            return "http"; // Jetty's pool, its selector and acceptor ("http-12"), request deadlines
        }
        if (comm.equals("market-engine")) {
            return "engine";
        }
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")) {
            return "gc"; // the VM thread runs the collector's safepoints
        }
        return "other";
    }

    /** A snapshot of {@code pid}'s threads; empty where /proc is not there (not Linux). */
    public static ThreadCpu of(long pid) {
        Map<String, Long> t = new LinkedHashMap<>();
        for (String c : COMPONENTS) {
            t.put(c, 0L);
        }
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> s = Files.list(tasks)) {
            s.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "tid (comm) state ppid ...": comm may hold spaces and parentheses, so split at the last ')'
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] f = stat.substring(close + 2).split(" ");
                    long used = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
                    t.merge(component(stat.substring(open + 1, close)), used, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read: its ticks are gone either way
                }
            });
        } catch (IOException | RuntimeException e) {
            return new ThreadCpu(Map.of());
        }
        return new ThreadCpu(t);
    }

    /** The CPU seconds {@code component} used between {@code before} and this snapshot (ticks are 10 ms). */
    public double seconds(ThreadCpu before, String component) {
        return (ticks.getOrDefault(component, 0L) - before.ticks.getOrDefault(component, 0L)) / 100.0;
    }

    /** {@code component}'s share of all ticks between {@code before} and this snapshot (0 when none or unknown). */
    public double share(ThreadCpu before, String component) {
        long sum = 0;
        for (String c : COMPONENTS) {
            sum += ticks.getOrDefault(c, 0L) - before.ticks.getOrDefault(c, 0L);
        }
        return sum <= 0 ? 0 : (double) (ticks.getOrDefault(component, 0L) - before.ticks.getOrDefault(component, 0L)) / sum;
    }

    /**
     * The CPU per request of each component between {@code before} and this snapshot: the process's
     * exact CPU {@code totalNanos} split in the components' shares of the ticks.
     */
    public String perRequest(ThreadCpu before, long totalNanos, long requests) {
        if (ticks.isEmpty() || before.ticks.isEmpty()) {
            return "by thread n/a";
        }
        long sum = 0;
        Map<String, Long> d = new LinkedHashMap<>();
        for (String c : COMPONENTS) {
            long v = ticks.getOrDefault(c, 0L) - before.ticks.getOrDefault(c, 0L);
            d.put(c, v);
            sum += v;
        }
        StringBuilder b = new StringBuilder("by thread:");
        for (String c : COMPONENTS) {
            double us = sum == 0 ? 0 : totalNanos / 1e3 * d.get(c) / sum / Math.max(1, requests);
            b.append(' ').append(c).append(' ').append(Math.round(us));
        }
        return b.append(" us").toString();
    }
}
