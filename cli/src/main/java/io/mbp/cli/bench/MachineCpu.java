package io.mbp.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole machine's CPU from /proc/stat (Linux): how busy the cores were while measuring, and so
 * what the generator (and anything else) took beside the daemon. Zero where /proc/stat is missing.
 */
record MachineCpu(long busyTicks, long totalTicks, int cpus) {
    /** USER_HZ, the unit of /proc/stat: 100 on every Linux the project runs on (sysconf(_SC_CLK_TCK)). */
    private static final double TICKS_PER_SECOND = 100;

    static MachineCpu now() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+");
            long total = 0;
            for (int k = 1; k < Math.min(f.length, 9); k++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[k]);
            }
            int cpus = (int) lines.stream().filter(l -> l.matches("cpu\\d+ .*")).count();
            return new MachineCpu(total - Long.parseLong(f[4]) - Long.parseLong(f[5]), total, cpus);
        } catch (IOException | RuntimeException e) {
            return new MachineCpu(0, 0, 0);
        }
    }

    MachineCpu minus(MachineCpu o) {
        return new MachineCpu(busyTicks - o.busyTicks, totalTicks - o.totalTicks, cpus);
    }

    /** "machine busy 97% of 2 vCPUs; besides the daemon 96 us/request (the generator and the rest)". */
    String describe(long daemonCpuNanos, long answered) {
        if (totalTicks <= 0) {
            return "machine CPU n/a";
        }
        double besideNanos = Math.max(0, busyTicks / TICKS_PER_SECOND * 1e9 - daemonCpuNanos);
        return String.format("machine busy %.0f%% of %d vCPUs; besides the daemon %.0f us/request (the generator and the rest)",
                100.0 * busyTicks / totalTicks, cpus, besideNanos / 1e3 / Math.max(1, answered));
    }
}
