package io.mbp.cli.bench;

/** The daemon's group-commit counters, from its /metrics (Prometheus text; not an API route, so unsigned). */
record GroupCommits(double commits, double commands, double seconds, double cpuSeconds, double[] stageSeconds, double fsyncs,
                    double fsyncSeconds, double[] snapshots) {
    /** The stages of {@code mbp_market_snapshot_stage_seconds} (ADR 0127), with the thread each runs on. */
    static final String[] SNAPSHOT_STAGES = {"freeze\",thread=\"engine", "render\",thread=\"snapshot", "write\",thread=\"snapshot",
        "write\",thread=\"engine"};

    /** The stages of {@code mbp_group_commit_stage_seconds} (docs/slo.md), in a commit's order. */
    static final String[] STAGES = {"catch_up", "decide", "canonicalize", "append", "sync", "ack"};

    /** The counters in {@code text}, a /metrics scrape; null when there is none (or no group commit yet). */
    static GroupCommits parse(String text) {
        if (text == null || !text.contains("mbp_group_commit_size_count")) {
            return null;
        }
        double[] stages = new double[STAGES.length];
        for (int k = 0; k < STAGES.length; k++) {
            stages[k] = value(text, "mbp_group_commit_stage_seconds_sum{stage=\"" + STAGES[k] + "\"");
        }
        double[] snapshots = new double[1 + SNAPSHOT_STAGES.length]; // taken, then seconds per stage
        snapshots[0] = value(text, "mbp_market_snapshot_stage_seconds_count{stage=\"" + SNAPSHOT_STAGES[0] + "\"");
        for (int k = 0; k < SNAPSHOT_STAGES.length; k++) {
            snapshots[1 + k] = value(text, "mbp_market_snapshot_stage_seconds_sum{stage=\"" + SNAPSHOT_STAGES[k] + "\"");
        }
        return new GroupCommits(value(text, "mbp_group_commit_size_count"), value(text, "mbp_group_commit_size_sum"),
                value(text, "mbp_group_commit_latency_seconds_sum"), value(text, "mbp_group_commit_cpu_seconds_sum"), stages,
                value(text, "mbp_log_fsync_seconds_count"), value(text, "mbp_log_fsync_seconds_sum"), snapshots);
    }

    private static double value(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name.endsWith("\"") ? name : name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    GroupCommits minus(GroupCommits o) {
        double[] stages = new double[stageSeconds.length];
        for (int k = 0; k < stages.length; k++) {
            stages[k] = stageSeconds[k] - o.stageSeconds[k];
        }
        double[] snaps = new double[snapshots.length];
        for (int k = 0; k < snaps.length; k++) {
            snaps[k] = snapshots[k] - o.snapshots[k];
        }
        return new GroupCommits(commits - o.commits, commands - o.commands, seconds - o.seconds, cpuSeconds - o.cpuSeconds, stages,
                fsyncs - o.fsyncs, fsyncSeconds - o.fsyncSeconds, snaps);
    }

    @Override
    public String toString() {
        double n = Math.max(1, commits);
        StringBuilder stages = new StringBuilder();
        for (int k = 0; k < STAGES.length; k++) {
            stages.append(k == 0 ? "" : ", ").append(STAGES[k]).append(String.format(" %.2f", stageSeconds[k] * 1e3 / n));
        }
        String fsync = fsyncs < 1 ? "" : String.format("; the log's fsync off the engine thread (ADR 0124): %.0f, %.1f group commits"
                + " and %.2f ms each", fsyncs, commits / fsyncs, fsyncSeconds * 1e3 / fsyncs);
        double s = snapshots[0];
        String snaps = s < 1 ? "" : String.format("; market snapshots written in the window (ADR 0127): %.0f, ms each: freeze %.0f on the engine"
                + " thread, render %.0f and write %.0f off it, write %.0f on it", s, snapshots[1] * 1e3 / s, snapshots[2] * 1e3 / s,
                snapshots[3] * 1e3 / s, snapshots[4] * 1e3 / s);
        return String.format("%.0f group commits, %.1f orders and %.2f ms each (engine thread CPU %.2f ms of it; stages, ms"
                + " per commit: %s)%s%s", commits, commands / n, seconds * 1e3 / n, cpuSeconds * 1e3 / n, stages, fsync, snaps);
    }
}
