package io.mbp.oracle;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.error.BadInputException;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the oracle event definitions of {@code mbp oracle register} (docs/security.md), from a
 * real file: entries, or a {@link BadInputException} naming entry and field (exit 4); any other
 * throwable is a finding.
 */
class OracleEventFileFuzzTest {

    @FuzzTest(maxDuration = "1m")
    void read(byte[] input) {
        try {
            EventFiles.read(FuzzFiles.write("events.json", input));
        } catch (BadInputException refused) {
            // exit 4
        }
    }

    /** Fuzz finding: JSON nested past Jackson's depth limit has no location, and the reader threw an NPE (exit 1). */
    @Test
    void jsonNestedTooDeepIsBadInputNamingTheFile() {
        String deep = "{\"id\":" + "[".repeat(2000) + "]".repeat(2000) + "}";
        BadInputException e = assertThrows(BadInputException.class, () -> EventFiles.parse(deep, "events.json"));
        assertTrue(e.getMessage().startsWith("events.json: refused: Document nesting depth"), e.getMessage());
    }
}
