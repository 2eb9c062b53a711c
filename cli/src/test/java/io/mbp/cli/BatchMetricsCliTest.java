package io.mbp.cli;

import io.mbp.cli.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.custody.Secrets;
import io.mbp.cli.kyc.Onboarding;
import io.mbp.sql.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --metrics-dir: nightly steps and batch commands leave textfile-collector files; a failure never erases the last success. */
class BatchMetricsCliTest {
    @TempDir
    Path tmp;

    @AfterEach
    void plainEnvironment() {
        Secrets.useEnvironment(null);
    }

    private static double value(Path file, String metric) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{[^}]*} (\\S+)$").matcher(Files.readString(file));
        assertTrue(m.find(), metric + " in " + file + ":\n" + Files.readString(file));
        return Double.parseDouble(m.group(1));
    }

    @Test
    void nightlyStepsAndSealWriteTextfiles() throws Exception {
        String db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        Path metrics = tmp.resolve("metrics");
        String out = tmp.resolve("out").toString();
        Map<String, String> env = new HashMap<>(Map.of("MBP_KEY_PASSPHRASE", "test passphrase",
                "MBP_KEYFILE", tmp.resolve("keys.json").toString()));
        Secrets.useEnvironment(env::get);
        try (Database keepOpen = Database.openMigrated(db)) {
            Cli.Run empty = Cli.mbp("--db", db, "nightly", "--date", "2026-11-26", "--out", out, "--skip-anchor",
                    "--metrics-dir", metrics.toString());
            assertEquals(69, empty.code(), empty.err());
            Path nightlyRun = metrics.resolve("mbp_nightly_nightly.run.prom");
            assertEquals(1, value(nightlyRun, "mbp_batch_last_failed"));
            assertFalse(Files.exists(metrics.resolve("mbp_nightly_nightly.success.prom")), "a failed run is no success");

            assertEquals(0, Cli.mbp("--db", db, "keys", "init").code());
            Onboarding.sampleDay(db, tmp.resolve("vault"), env, false);
            Path sample = Path.of("..", "samples", "events", "2026-11-27-cash.ndjson");
            assertEquals(0, Cli.mbp("--db", db, "events", "append", "--file", sample.toString()).code());
            Cli.Run ok = Cli.mbp("--db", db, "nightly", "--date", "2026-11-27", "--out", out, "--skip-anchor",
                    "--metrics-dir", metrics.toString());
            assertEquals(0, ok.code(), ok.err());
            assertEquals(0, value(nightlyRun, "mbp_batch_last_failed"));
            Path exports = metrics.resolve("mbp_nightly_public_exports.success.prom");
            String text = Files.readString(exports);
            assertTrue(text.contains("# TYPE mbp_batch_last_success_timestamp_seconds gauge"), text);
            assertTrue(text.contains("job=\"nightly\"") && text.contains("step=\"public-exports\""), text);
            long lines = Files.readAllLines(sample).size();
            // the step's own outcome: every event of the day read, every file of the day's exports folder written
            // (the event export and its .sha256, the signed truth files, their sums and manifest)
            assertEquals(lines, value(exports, "mbp_batch_last_success_items_read"), text);
            long exported;
            try (java.util.stream.Stream<Path> day = Files.list(Path.of(out, "exports", "2026-11-27"))) {
                exported = day.filter(Files::isRegularFile).count();
            }
            assertTrue(exported > 2, "the truth files beside the event export");
            assertEquals(exported, value(exports, "mbp_batch_last_success_items_written"), text);
            assertTrue(value(exports, "mbp_batch_last_success_timestamp_seconds") > 1.7e9, text);
            assertTrue(Files.exists(metrics.resolve("mbp_nightly_seal.success.prom")));

            // a standalone batch command through $MBP_METRICS_DIR's option twin; a failing one keeps the success file
            double sealedAt = value(metrics.resolve("mbp_nightly_seal.success.prom"), "mbp_batch_last_success_timestamp_seconds");
            assertEquals(0, Cli.mbp("--db", db, "seal", "--metrics-dir", metrics.toString()).code());
            Path seal = metrics.resolve("mbp_seal_seal.success.prom");
            assertTrue(value(seal, "mbp_batch_last_success_timestamp_seconds") >= sealedAt);
            assertEquals(0, value(metrics.resolve("mbp_seal_seal.run.prom"), "mbp_batch_last_failed"));
            env.remove("MBP_KEY_PASSPHRASE");
            Cli.Run noKey = Cli.mbp("--db", db, "seal", "--metrics-dir", metrics.toString());
            assertTrue(noKey.code() != 0, noKey.out());
            assertEquals(1, value(metrics.resolve("mbp_seal_seal.run.prom"), "mbp_batch_last_failed"));
            assertTrue(Files.exists(seal), "the failure left the last success in place");
            try (var files = Files.list(metrics)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no half-written file left");
            }
        }
    }
}
