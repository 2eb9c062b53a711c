package io.mbp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.custody.Secrets;
import io.mbp.error.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training run behind scripts/mbp's AOT cache (docs/adr/0146) trains what it says: each command it
 * names still runs to exit 0 (a renamed option would otherwise leave the cache quietly without that
 * command's classes), verify-anchor walks its whole success path, the chain's steps included, against the
 * 127.0.0.1 stub (docs/adr/0150), and everything it writes stays in its scratch folder.
 */
class AotTrainingTest {
    @TempDir Path tmp;

    @AfterEach
    void restoreEnvironment() {
        Secrets.useEnvironment(null);
    }

    @Test
    void everyStepRunsToExitZeroVerifyAnchorThroughTheChain() throws Exception {
        Secrets.useEnvironment(Map.of("MBP_KEY_PASSPHRASE", "test passphrase")::get);
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));

        List<AotTraining.Step> steps = AotTraining.train(Path.of(".."), scratch);

        assertEquals(AotTraining.steps(Path.of(".."), scratch).size(), steps.size());
        for (AotTraining.Step s : steps) {
            assertEquals(ExitCodes.OK, s.exitCode(), s.toString());
        }
        assertEquals(2, steps.stream().filter(s -> s.args().contains("verify-anchor")).count());
        assertTrue(Files.size(scratch.resolve("train.sqlite")) > 0);
        assertTrue(Files.readString(scratch.resolve("proof.json")).contains("\"anchor\""));
        try (Stream<Path> written = Files.list(tmp)) {
            assertEquals(List.of(scratch), written.toList(), "nothing outside the scratch folder");
        }
    }

    @Test
    void everyStepUsesTheScratchDatabaseAndKeyFileAndNoOtherHost() {
        Path scratch = tmp.resolve("s");
        for (List<String> step : AotTraining.steps(Path.of(".."), scratch)) {
            int db = step.indexOf("--db");
            if (db >= 0) {
                assertEquals("jdbc:sqlite:" + scratch.resolve("train.sqlite"), step.get(db + 1));
            }
            if (step.contains("keys") || step.contains("seal")) {
                int k = step.indexOf("--keyfile");
                assertTrue(k >= 0, step.toString());
                assertEquals(scratch.resolve("operator-keys.json").toString(), step.get(k + 1));
            }
            assertFalse(step.stream().anyMatch(a -> a.contains("://")), step.toString());
        }
    }
}
