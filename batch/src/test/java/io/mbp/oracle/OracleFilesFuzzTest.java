package io.mbp.oracle;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.error.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the oracle's input files through their public readers, from a real file as the CLI
 * reads them (docs/security.md): report CSV and NDJSON, source and committee lists, event
 * definitions. Each either returns its rows or refuses the file with a {@link BadInputException}
 * (exit 4); any other throwable is a finding. (A report line that cannot be read is a row with a
 * problem, rejected later: the reader still returns.)
 */
class OracleFilesFuzzTest {
    private static Path dir;

    @BeforeAll
    static void dir() throws IOException {
        dir = Files.createTempDirectory("mbp-fuzz-oracle");
    }

    @AfterAll
    static void clean() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static Path file(String name, byte[] input) throws IOException {
        return Files.write(dir.resolve(name), input);
    }

    @FuzzTest(maxDuration = "10s")
    void reportsCsv(byte[] input) throws IOException {
        Path f = file("reports.csv", input);
        try {
            ReportFiles.read(f);
        } catch (BadInputException refused) {
            // exit 4
        }
    }

    @FuzzTest(maxDuration = "10s")
    void reportsNdjson(byte[] input) throws IOException {
        Path f = file("reports.ndjson", input);
        try {
            ReportFiles.read(f);
        } catch (BadInputException refused) {
            // exit 4
        }
    }

    @FuzzTest(maxDuration = "10s")
    void sources(byte[] input) throws IOException {
        Path f = file("sources.csv", input);
        try {
            RegistryFiles.sources(f);
        } catch (BadInputException refused) {
            // exit 4
        }
    }

    @FuzzTest(maxDuration = "10s")
    void committee(byte[] input) throws IOException {
        Path f = file("committee.csv", input);
        try {
            RegistryFiles.committee(f);
        } catch (BadInputException refused) {
            // exit 4
        }
    }

    /** Oracle event definitions ({@code mbp oracle register}): parsed from the text, as read() does after decoding. */
    @FuzzTest(maxDuration = "10s")
    void events(byte[] input) {
        try {
            EventFiles.parse(new String(input, StandardCharsets.UTF_8), "events.json");
        } catch (BadInputException refused) {
            // exit 4
        }
    }
}
