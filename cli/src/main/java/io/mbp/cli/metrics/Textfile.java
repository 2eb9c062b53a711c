package io.mbp.cli.metrics;

import io.mbp.error.InfrastructureException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A batch run's figures as a node_exporter textfile-collector file (docs/slo.md), in Prometheus's text
 * format through Micrometer's Prometheus registry. Two files per job and step so a failed run never
 * erases the last success: {@code mbp_<job>_<step>.success.prom} (rewritten on success only: its time,
 * duration, items) and {@code mbp_<job>_<step>.run.prom} (every run: its time, duration, failed 0/1).
 * Each is written beside and renamed over the old one, so the collector never reads half a file.
 */
public final class Textfile {
    private final Path dir;

    public Textfile(Path dir) {
        this.dir = dir;
    }

    /** One run of {@code step} of {@code job}: ended at {@code end}, took {@code took}; items are null when not counted. */
    public void run(String job, String step, Instant end, Duration took, boolean ok, Long itemsRead, Long itemsWritten) {
        String base = "mbp_" + safe(job) + "_" + safe(step);
        PrometheusMeterRegistry run = registry();
        gauge(run, "mbp.batch.last.run.timestamp.seconds", "When the step's last run ended", job, step, end.getEpochSecond());
        gauge(run, "mbp.batch.last.run.duration.seconds", "How long the step's last run took", job, step, took.toMillis() / 1000.0);
        gauge(run, "mbp.batch.last.failed", "1 when the step's last run failed", job, step, ok ? 0 : 1);
        write(base + ".run.prom", run.scrape());
        if (ok) {
            PrometheusMeterRegistry success = registry();
            gauge(success, "mbp.batch.last.success.timestamp.seconds", "When the step last succeeded", job, step, end.getEpochSecond());
            gauge(success, "mbp.batch.last.success.duration.seconds", "How long the last successful run took", job, step,
                    took.toMillis() / 1000.0);
            if (itemsRead != null) {
                gauge(success, "mbp.batch.last.success.items.read", "Items the last successful run read", job, step, itemsRead);
            }
            if (itemsWritten != null) {
                gauge(success, "mbp.batch.last.success.items.written", "Items the last successful run wrote (events, payouts, files)",
                        job, step, itemsWritten);
            }
            write(base + ".success.prom", success.scrape());
        }
    }

    private static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    private static void gauge(PrometheusMeterRegistry r, String name, String help, String job, String step, double value) {
        Gauge.builder(name, () -> value).description(help).tags("job", job, "step", step).register(r);
    }

    /** Writes {@code registry}'s scrape as {@code name} (ending in .prom), atomically. */
    public void write(String name, PrometheusMeterRegistry registry) {
        write(name, registry.scrape());
    }

    private void write(String name, String text) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InfrastructureException("cannot write metrics into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** File names: letters, digits and '_' only. */
    private static String safe(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }
}
