package io.mbp.cli.metrics;

import io.mbp.jobs.JobListener;
import io.mbp.jobs.StepOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine;

/**
 * Batch runs into textfile-collector files when --metrics-dir (or $MBP_METRICS_DIR) names a folder:
 * each `mbp nightly` step through a {@link JobListener}, and the standalone batch commands (seal,
 * anchor publish, payouts run, recon d1, oracle aggregate, nightly as a whole) around their run.
 */
public final class BatchMetrics {
    public static final String ENV = "MBP_METRICS_DIR";
    /** Command path to the step name it reports as (the same names as the nightly's steps). */
    private static final Map<String, String> METERED = Map.ofEntries(Map.entry("seal", "seal"), Map.entry("anchor publish", "anchor"),
            Map.entry("payouts run", "payouts"), Map.entry("recon d1", "recon"), Map.entry("oracle aggregate", "oracle"),
            Map.entry("nightly", "nightly"),
            // the resilience commands (issue 14), for the DR/chaos dashboard's freshness panels
            Map.entry("backup create", "backup"), Map.entry("dr drill", "dr-drill"), Map.entry("chaos run", "chaos"));

    private BatchMetrics() {
    }

    /** The folder from --metrics-dir anywhere on the command line, else $MBP_METRICS_DIR, else null. */
    public static Path dir(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--metrics-dir")) {
                return r.matchedOptionValue("--metrics-dir", (Path) null);
            }
        }
        return dir((Path) null);
    }

    /** {@code given} (--metrics-dir), else $MBP_METRICS_DIR, else null. */
    public static Path dir(Path given) {
        if (given != null) {
            return given;
        }
        String env = System.getenv(ENV);
        return env == null || env.isBlank() ? null : Path.of(env);
    }

    /** Runs {@code command}; when it is a metered batch command and a folder is set, records the run (exit 0 = ok). */
    public static int around(CommandLine.ParseResult parseResult, Clock clock, java.util.function.IntSupplier command) {
        Path dir = dir(parseResult);
        String step = dir == null ? null : METERED.get(path(parseResult));
        if (step == null) {
            return command.getAsInt();
        }
        Instant t0 = clock.instant();
        long n0 = System.nanoTime();
        boolean ok = false;
        try {
            int code = command.getAsInt();
            ok = code == 0;
            return code;
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - n0);
            new Textfile(dir).run(step, step, t0.plus(took), took, ok, null, null);
        }
    }

    /** Tees {@code inner}: each nightly step's outcome also goes to the textfile folder, when one is set. */
    public static JobListener listener(Path dir, String job, Clock clock, JobListener inner) {
        if (dir == null) {
            return inner;
        }
        Textfile out = new Textfile(dir);
        return new JobListener() {
            @Override
            public void jobStarted(String j, String date, long executionId, boolean resumed) {
                inner.jobStarted(j, date, executionId, resumed);
            }

            @Override
            public void stepSkipped(String step) {
                inner.stepSkipped(step);
            }

            @Override
            public void stepStarted(String step, int index, int total) {
                inner.stepStarted(step, index, total);
            }

            @Override
            public void stepProgress(String step, long done) {
                inner.stepProgress(step, done);
            }

            @Override
            public void stepCompleted(String step, StepOutcome outcome, long millis) {
                out.run(job, step, clock.instant(), Duration.ofMillis(millis), true, outcome.read(), outcome.written());
                inner.stepCompleted(step, outcome, millis);
            }

            @Override
            public void stepFailed(String step, String message, long millis) {
                out.run(job, step, clock.instant(), Duration.ofMillis(millis), false, null, null);
                inner.stepFailed(step, message, millis);
            }
        };
    }

    private static String path(CommandLine.ParseResult parseResult) {
        StringBuilder b = new StringBuilder();
        for (CommandLine.ParseResult r = parseResult.subcommand(); r != null; r = r.subcommand()) {
            if (r.isUsageHelpRequested() || r.isVersionHelpRequested()) {
                return "";
            }
            b.append(b.isEmpty() ? "" : " ").append(r.commandSpec().name());
        }
        return b.toString();
    }
}
