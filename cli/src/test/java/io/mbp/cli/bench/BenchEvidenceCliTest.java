package io.mbp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mbp bench evidence` builds the bundle of a log on the default store (SQLite), or on H2 when asked. */
class BenchEvidenceCliTest {
    @TempDir
    Path dir;

    @Test
    void theLogIsOnTheDefaultStoreUnlessH2IsAskedFor() {
        Cli.Run sqlite = Cli.mbp("bench", "evidence", "--events", "3000", "--batch", "1000", "--dir", dir.resolve("a").toString());
        assertEquals(0, sqlite.code(), sqlite.err());
        assertTrue(sqlite.out().contains("seal, full audit (SQLITE)"), sqlite.out());
        assertTrue(sqlite.out().matches("(?s).*evidence build of the whole log\\s+3,000 events.*"), sqlite.out());
        assertTrue(Files.exists(dir.resolve("a/bench.sqlite")), "the log is a SQLite file");

        Cli.Run h2 = Cli.mbp("bench", "evidence", "--events", "3000", "--batch", "1000", "--store", "h2", "--dir", dir.resolve("b").toString());
        assertEquals(0, h2.code(), h2.err());
        assertTrue(h2.out().contains("seal, full audit (H2)"), h2.out());

        Cli.Run bad = Cli.mbp("bench", "evidence", "--store", "duckdb", "--dir", dir.resolve("c").toString());
        assertEquals(2, bad.code(), bad.out());
        assertTrue(bad.err().contains("--store"), bad.err());
    }
}
