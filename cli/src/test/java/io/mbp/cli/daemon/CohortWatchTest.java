package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The canary daemon's build check (ADR 0321): only the release's own jar matches; every other case is a warning naming both. */
class CohortWatchTest {
    private static final String SHIPPED = "ab".repeat(32);
    private static final String OTHER = "cd".repeat(32);

    @Test
    void onlyTheReleasesOwnJarMatches() {
        CohortWatch.Verdict same = CohortWatch.verdict("1.5.0", SHIPPED, SHIPPED);
        assertTrue(same.matches(), same.line());

        CohortWatch.Verdict other = CohortWatch.verdict("1.5.0", SHIPPED, OTHER);
        assertFalse(other.matches());
        assertTrue(other.line().contains("build mismatch") && other.line().contains(SHIPPED) && other.line().contains(OTHER), other.line());

        CohortWatch.Verdict dev = CohortWatch.verdict("1.5.0", SHIPPED, null);
        assertFalse(dev.matches());
        assertTrue(dev.line().contains("development build"), dev.line());

        CohortWatch.Verdict unnamed = CohortWatch.verdict("1.5.0", null, SHIPPED);
        assertFalse(unnamed.matches());
        assertTrue(unnamed.line().contains("names no jar sha256"), unnamed.line());
    }
}
