package io.mbp.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.canary.CanaryService;
import io.mbp.canary.Cohort;
import io.mbp.canary.ReleaseParams;
import io.mbp.events.EventLog;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** S23 names the release that produced each event once a canary ran: counts per release (ADR 0322). */
class CanaryReleaseReportTest {
    @EveryEngine
    void countsTheEventsEachReleaseProduced(TestDatabase engine) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
        try (Database db = Database.openMigrated(engine.url())) {
            CanaryReleaseReport report = new CanaryReleaseReport();
            MarketService svc = new MarketService(db, new MarketEngine(), clock);
            svc.load();
            List<MarketCommand> cmds = new ArrayList<>();
            List<String> markets = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                markets.add("R-" + i);
                cmds.add(new MarketCommand.CreateMarket("R-" + i, "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 1_000_000, "E-R-" + i));
            }
            svc.commit(cmds, false);
            long before = new EventLog(db).size();
            assertTrue(report.compute(db, before).stream().noneMatch(l -> l.startsWith("events per release")), "no canary: no attribution line");

            new CanaryService(db, clock).start(new ReleaseParams("1.5.0", 220, 1_000, 2_000, 3_000, 600, 200, "ab".repeat(32)),
                    List.of(20L, 100L), Duration.ofHours(1));
            long size = new EventLog(db).size();
            long cohort = markets.stream().filter(m -> Cohort.contains(20, m)).count();
            List<String> lines = report.compute(db, size);
            // CanaryStarted and one MarketParamsApplied per cohort market; everything before under the stable release
            assertEquals("events per release: 1.5.0 " + (1 + cohort) + " initial " + before, lines.get(lines.size() - 1), lines.toString());
            assertEquals(size, 1 + cohort + before);
        }
    }
}
