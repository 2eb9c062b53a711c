package io.mbp.cli.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mbp bench market` judges its replay against the live state of the same run, also when --dir is reused. */
class BenchMarketCliTest {
    @TempDir
    Path dir;

    @Test
    void aSecondRunInTheSameDirReplaysOnlyItsOwnLog() {
        for (int run = 1; run <= 2; run++) {
            Cli.Run r = Cli.mbp("bench", "market", "--orders", "2000", "--replay-events", "3000", "--skip-http",
                    "--dir", dir.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("state == live state"), "run " + run + ": " + r.out());
            assertFalse(r.out().contains("STATE DIFFERS"), "run " + run + ": " + r.out());
        }
    }
}
