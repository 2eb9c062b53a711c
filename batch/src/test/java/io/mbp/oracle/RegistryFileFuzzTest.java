package io.mbp.oracle;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.error.BadInputException;
import java.nio.file.Path;

/**
 * Fuzzes the source and committee lists of {@code mbp oracle source|committee add} (docs/security.md),
 * each input read as both from a real file: rows, or a {@link BadInputException} naming line and
 * field (exit 4); any other throwable is a finding.
 */
class RegistryFileFuzzTest {

    @FuzzTest(maxDuration = "1m")
    void read(byte[] input) {
        Path f = FuzzFiles.write("registry.csv", input);
        try {
            RegistryFiles.sources(f);
        } catch (BadInputException refused) {
            // exit 4
        }
        try {
            RegistryFiles.committee(f);
        } catch (BadInputException refused) {
            // exit 4
        }
    }
}
