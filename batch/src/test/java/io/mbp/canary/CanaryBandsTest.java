package io.mbp.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.HaltLevel;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.market.MarketState;
import io.mbp.market.ParamBands;
import io.mbp.oracle.OracleCommand;
import io.mbp.oracle.OracleEventRegistered;
import io.mbp.oracle.OracleEvents;
import io.mbp.oracle.OracleParams;
import io.mbp.oracle.OracleService;
import io.mbp.oracle.OracleState;
import io.mbp.oracle.ReportReceived;
import io.mbp.oracle.RoundAggregated;
import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A canary applies its release's halt bands and oracle parameters per market (ADR 0322), not only
 * its fee: a canary market halts where its baseline twin does not, its oracle event's rounds run
 * the release's staleness and band, and a rollback returns both through events (checked by I10).
 */
class CanaryBandsTest {
    static final Instant T0 = CanaryServiceTest.T0;
    /** Tight bands and oracle: hard halt at 3%, staleness 10 min, divergence band 0.5%. */
    static final ReleaseParams TIGHT = new ReleaseParams("1.5.0", 200, 100, 200, 300, 600, 50, "ab".repeat(32));

    static String canaryMarket(int n) {
        return CanaryServiceTest.markets().stream().filter(m -> Cohort.contains(20, m)).skip(n).findFirst().orElseThrow();
    }

    static String baselineMarket(int n) {
        return CanaryServiceTest.markets().stream().filter(m -> !Cohort.contains(50, m)).skip(n).findFirst().orElseThrow();
    }

    /** Markets on their own oracle events (EV-C canary, EV-B baseline) and one event split across the cohort line (EV-S). */
    static void seed(Database db, Clock clock) {
        MarketService svc = new MarketService(db, new MarketEngine(), clock);
        svc.load();
        List<MarketCommand> cmds = new ArrayList<>();
        Map<String, String> events = new TreeMap<>(Map.of(canaryMarket(0), "EV-C", baselineMarket(0), "EV-B", canaryMarket(1), "EV-S",
                baselineMarket(1), "EV-S"));
        events.forEach((m, ev) -> cmds.add(new MarketCommand.CreateMarket(m, ev, List.of("YES", "NO"), 200, null, null, null, "lp",
                1_000_000, "E-" + m)));
        cmds.add(new MarketCommand.Deposit("ana", 10_000_000L, "E-ana", null, null));
        assertTrue(svc.commit(cmds, false).outcomes().stream().allMatch(MarketService.Outcome::ok));
    }

    @EveryEngine
    void aCanaryMarketHaltsOnItsReleasesBandsAndARollbackReturnsThemConsistently(TestDatabase engine) {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        try (Database db = Database.openMigrated(engine.url())) {
            seed(db, clock);
            CanaryService canary = new CanaryService(db, clock);
            canary.start(TIGHT, List.of(20L, 50L, 100L), Duration.ofHours(1));
            String c = canaryMarket(0);
            String b = baselineMarket(0);
            MarketService svc = new MarketService(db, new MarketEngine(), clock);
            svc.load();
            assertEquals(new ParamBands(100L, 200L, 300L, 600L, 50L), svc.state().book(c).bands);
            assertEquals(ParamBands.NONE, svc.state().book(b).bands);
            // the same order on both: a move of about 4%, over the canary's hard band, under the default warn band
            svc.execute(new MarketCommand.PlaceOrder(c, "ana", "YES", "buy", 100_000, 0, null, null));
            svc.execute(new MarketCommand.PlaceOrder(b, "ana", "YES", "buy", 100_000, 0, null, null));
            MarketState s = new MarketService(db, new MarketEngine(), clock).load();
            assertEquals(HaltLevel.HARD, s.book(c).level());
            assertEquals(HaltLevel.NORMAL, s.book(b).level());

            Consistency.Report r = canary.rollback("operator", false);
            assertTrue(r.consistent(), r.problems().toString());
            MarketState back = new MarketService(db, new MarketEngine(), clock).load();
            for (String m : List.of(c, b, canaryMarket(1), baselineMarket(1))) {
                assertEquals(ParamBands.NONE, back.book(m).bands, m);
            }
            // I10 covers the bands: a stable set the markets do not run is reported, naming what they run
            Consistency.Report wrong = Consistency.check(db, "1.5.0", Map.of(c, "initial"), Map.of(c, 200L), Map.of(c, TIGHT.bands()));
            assertFalse(wrong.paramsRestored());
            assertTrue(wrong.problems().get(0).contains("halt 100/200/300"), wrong.problems().toString());
        }
    }

    @EveryEngine
    void theOracleRoundOfACanaryEventRunsTheReleasesStalenessAndBandUntilRollback(TestDatabase engine) {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        try (Database db = Database.openMigrated(engine.url())) {
            seed(db, clock);
            OracleService oracle = new OracleService(db);
            List<OracleService.Step> steps = new ArrayList<>();
            for (String ev : List.of("EV-C", "EV-B", "EV-S")) {
                steps.add(OracleService.Step.at(new OracleCommand.RegisterEvent(new OracleEventRegistered(ev, "numeric", null, "1", "9",
                        null, "2027-01-01T00:00:00Z", 1_800, 7_200, null), "test"), T0));
            }
            for (String src : List.of("s1", "s2", "s3")) {
                steps.add(OracleService.Step.at(new OracleCommand.RegisterSource(OracleService.source(src, src, 5_000)), T0));
            }
            oracle.run(steps);
            new CanaryService(db, clock).start(TIGHT, List.of(20L, 50L, 100L), Duration.ofHours(1));

            OracleState st = oracle.state();
            assertEquals(50, st.paramsFor("EV-C").bandBps());
            assertEquals(600, st.specFor(st.event("EV-C")).stalenessSeconds());
            assertEquals(OracleParams.DEFAULTS.bandBps(), st.paramsFor("EV-B").bandBps());
            assertEquals(1_800, st.specFor(st.event("EV-B")).stalenessSeconds());
            assertEquals(OracleParams.DEFAULTS.bandBps(), st.paramsFor("EV-S").bandBps(), "markets of one event on two releases: defaults");
            assertEquals(1_800, st.specFor(st.event("EV-S")).stalenessSeconds());

            // every source reported 15 minutes before the round: fresh for the stable 30 min, stale for the canary's 10
            Instant seen = T0.plus(Duration.ofMinutes(5));
            List<NewEvent> reports = new ArrayList<>();
            for (String ev : List.of("EV-C", "EV-B")) {
                for (String src : List.of("s1", "s2", "s3")) {
                    reports.add(NewEvent.of(OracleEvents.TYPES, ev, seen, new ReportReceived(src, ev, seen.toString(), "5")));
                }
            }
            new EventLog(db).append(reports);
            Map<String, RoundAggregated> round = rounds(oracle, seen.plus(Duration.ofMinutes(15)));
            assertEquals(0, round.get("EV-C").freshSources(), round.toString());
            assertEquals(3, round.get("EV-B").freshSources(), round.toString());

            new CanaryService(db, clock).rollback("operator", false);
            st = oracle.state();
            assertEquals(OracleParams.DEFAULTS.bandBps(), st.paramsFor("EV-C").bandBps());
            assertEquals(1_800, st.specFor(st.event("EV-C")).stalenessSeconds());
            round = rounds(oracle, seen.plus(Duration.ofMinutes(16)));
            assertEquals(3, round.get("EV-C").freshSources(), "back on the stable staleness: " + round);
        }
    }

    private static Map<String, RoundAggregated> rounds(OracleService oracle, Instant at) {
        Map<String, RoundAggregated> out = new TreeMap<>();
        oracle.run(new OracleCommand.Aggregate(List.of("EV-C", "EV-B")), Clock.fixed(at, ZoneOffset.UTC)).of(RoundAggregated.class)
                .forEach(r -> out.put(r.event(), r));
        return out;
    }
}
