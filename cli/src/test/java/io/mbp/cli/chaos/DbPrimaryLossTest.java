package io.mbp.cli.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.chaos.GameDay;
import io.mbp.chaos.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The db-primary-loss game day judges what the DR drill reports against RPO ≤ 5 min and RTO ≤ 30 min;
 * here the drill is a stand-in behind {@link DrDrill}, as the real one is the DR part's.
 */
class DbPrimaryLossTest {
    @TempDir
    Path tmp;

    GameDay run(DrDrill drill) throws Exception {
        Trial t = new Trial(tmp, Clock.systemUTC(), new Trial.Bounds(1, 1, 1));
        DbPrimaryLoss s = new DbPrimaryLoss(drill, "jdbc:h2:file:" + tmp.resolve("unused").toAbsolutePath());
        Instant start = Instant.now();
        try {
            s.run(t);
        } catch (Trial.Stop stop) {
            // the verdict says why
        }
        return t.finish(s.spec(), start);
    }

    static DrDrill reporting(double rpo, double rto, long lost, boolean verified) {
        return (url, out, seconds) -> new DrDrill.Result(rpo, rto, lost, verified, Files.writeString(out.resolve("report.json"), "{}"));
    }

    @Test
    void judgesTheDrillAgainstTheTargets() throws Exception {
        Files.createDirectories(tmp.resolve("drill"));
        GameDay ok = run(reporting(12.5, 40, 7, true));
        assertEquals(Verdict.PASS, ok.verdict(), ok.toString());
        assertEquals("12.500", ok.measurements().get("rpo_seconds"));
        assertEquals("7", ok.measurements().get("events_lost"));

        GameDay slowRestore = run(reporting(12.5, 2_000, 7, true));
        assertEquals(Verdict.FAIL, slowRestore.verdict());
        assertTrue(slowRestore.checks().stream().anyMatch(c -> !c.passed() && c.name().startsWith("RTO within 1800")), slowRestore.toString());

        GameDay unverified = run(reporting(1, 1, 0, false));
        assertEquals(Verdict.ABORTED, unverified.verdict());
        assertEquals("the restored log did not verify", unverified.reason());
    }

    @Test
    void withoutADrillTheGameDayIsSkippedNeverPassed() throws Exception {
        GameDay g = run((url, out, seconds) -> {
            throw new DrDrill.Unavailable("no drill here");
        });
        assertEquals(Verdict.SKIPPED, g.verdict());
        assertEquals("no drill here", g.reason());
        GameDay failed = run((url, out, seconds) -> {
            throw new IllegalStateException("restore failed: disk full");
        });
        assertEquals(Verdict.ABORTED, failed.verdict());
        assertTrue(failed.reason().contains("disk full"));
        assertThrows(Trial.Stop.class, () -> new Trial(tmp, Clock.systemUTC(), new Trial.Bounds(1, 1, 1))
                .check(io.mbp.chaos.Check.Phase.BEFORE, "steady", false, "down"));
    }
}
