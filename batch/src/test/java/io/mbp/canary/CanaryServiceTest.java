package io.mbp.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.VerificationFailedException;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.market.MarketState;
import io.mbp.market.OrderFilled;
import io.mbp.oracle.OracleEvents;
import io.mbp.oracle.ReportReceived;
import io.mbp.oracle.RoundAggregated;
import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

class CanaryServiceTest {
    static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    static final List<Long> PHASES = List.of(20L, 50L, 100L);
    static final String API = """
            mbp_http_server_requests_seconds_bucket{method="POST",route="/v2/orders",status="201",le="0.005"} 99.0
            mbp_http_server_requests_seconds_bucket{method="POST",route="/v2/orders",status="201",le="0.025"} 100.0
            mbp_http_server_requests_seconds_count{method="POST",route="/v2/orders",status="201"} 100.0
            """;

    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static List<String> markets() {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            l.add(String.format("M-%02d", i));
        }
        return l;
    }

    static void seed(Database db, Clock clock) {
        MarketService svc = new MarketService(db, new MarketEngine(), clock);
        svc.load();
        List<MarketCommand> cmds = new ArrayList<>();
        for (String m : markets()) {
            cmds.add(new MarketCommand.CreateMarket(m, "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 10_000_000, "E-" + m));
        }
        cmds.add(new MarketCommand.Deposit("ana", 1_000_000_000L, "E-ana", null, null));
        svc.commit(cmds, false);
    }

    /** Small buys on every market through the window, and the oracle reporting for EV. */
    static void traffic(Database db, Hands clock, Instant from, Duration window) {
        MarketService svc = new MarketService(db, new MarketEngine(), clock);
        svc.load();
        for (int step = 0; step < 6; step++) {
            clock.now = from.plus(window.multipliedBy(step).dividedBy(6));
            List<MarketCommand> cmds = new ArrayList<>();
            for (String m : markets()) {
                cmds.add(new MarketCommand.PlaceOrder(m, "ana", step % 2 == 0 ? "YES" : "NO", "buy", 1_000, 0, null, null));
            }
            svc.commit(cmds, false);
            new EventLog(db).append(List.of(
                    NewEvent.of(OracleEvents.TYPES, "EV", clock.now, new ReportReceived("src-a", "EV", clock.now.toString(), "1")),
                    NewEvent.of(OracleEvents.TYPES, "EV", clock.now, new RoundAggregated("EV", clock.now.toString(), "consensus", "open",
                            "1", null, null, 1, 10_000, 10_000, 10_000, List.of("src-a|agree|0|1")))));
        }
        clock.now = from.plus(window);
    }

    @EveryEngine
    void phasesMoveTheCohortThroughEventsAndAFailedAnalysisRollsBackConsistently(TestDatabase engine) {
        Hands clock = new Hands();
        try (Database db = Database.openMigrated(engine.url())) {
            seed(db, clock);
            CanaryService svc = new CanaryService(db, clock);
            ReleaseParams params = new ReleaseParams("1.5.0", 220, 1_000, 2_000, 3_000, 600, 200, "ab".repeat(32));
            CanaryState s = svc.start(params, PHASES, Duration.ofHours(1));
            List<String> first = markets().stream().filter(m -> Cohort.contains(20, m)).toList();
            assertFalse(first.isEmpty());
            for (String m : markets()) {
                assertEquals(first.contains(m) ? "1.5.0" : "initial", s.releaseOf(m), m);
            }
            MarketState live = new MarketService(db, new MarketEngine(), clock).load();
            assertEquals(220, live.book(first.get(0)).feeBps());
            String base = markets().stream().filter(m -> !first.contains(m)).findFirst().orElseThrow();
            assertEquals(200, live.book(base).feeBps());
            assertNull(live.book(base).release);
            assertFalse(live.digest().toString().contains("params=initial"), "a market never moved keeps its old digest");

            // the soak is not over: refused, nothing written
            clock.now = T0.plus(Duration.ofMinutes(10));
            long size = new EventLog(db).size();
            assertThrows(VerificationFailedException.class, () -> svc.promote(ApiMetrics.parse(API), ApiMetrics.parse(API)));
            assertEquals(size, new EventLog(db).size());

            // canary trades at its own fee; a like-for-like window passes and the cohort grows
            traffic(db, clock, T0.plus(Duration.ofMinutes(10)), Duration.ofMinutes(50));
            List<OrderFilled> fills = new ArrayList<>();
            new EventLog(db).forEachOfTypes(List.of("OrderFilled"), e -> fills.add((OrderFilled) io.mbp.market.MarketEvents.TYPES
                    .decode(e.type(), e.payload())));
            OrderFilled canaryFill = fills.stream().filter(f -> f.market().equals(first.get(0))).findFirst().orElseThrow();
            assertEquals(22, canaryFill.fee(), "1,000 centavos at 220 bps");
            CanaryService.Promotion p = svc.promote(ApiMetrics.parse(API), ApiMetrics.parse(API));
            assertTrue(p.analysis().passed(), p.analysis().checks().toString());
            assertEquals(50, p.to());
            assertEquals(50, svc.state().active().percent);
            assertTrue(markets().stream().filter(m -> Cohort.contains(50, m)).allMatch(m -> "1.5.0".equals(svc.state().releaseOf(m))));

            // a fault: a whale moves every canary market; the next analysis fails and rolls back by itself
            Instant phase = clock.now;
            traffic(db, clock, phase, Duration.ofHours(1));
            clock.now = phase.plus(Duration.ofMinutes(59));
            MarketService ms = new MarketService(db, new MarketEngine(), clock);
            ms.load();
            List<MarketCommand> whale = new ArrayList<>();
            for (String m : markets()) {
                if ("1.5.0".equals(svc.state().releaseOf(m))) {
                    whale.add(new MarketCommand.PlaceOrder(m, "ana", "YES", "buy", 4_000_000, 0, null, null));
                }
            }
            assertTrue(ms.commit(whale, false).outcomes().stream().allMatch(MarketService.Outcome::ok));
            clock.now = phase.plus(Duration.ofHours(1));
            p = svc.promote(ApiMetrics.parse(API), null);
            assertFalse(p.analysis().passed());
            assertTrue(p.analysis().checks().stream().anyMatch(c -> c.startsWith("slippage_p95_bps|") && c.endsWith("|fail")));
            assertTrue(p.analysis().checks().stream().anyMatch(c -> c.startsWith("api_availability_bps|") && c.endsWith("|no-data")),
                    "the baseline daemon's figures were not given: no data, never a pass");
            assertTrue(p.rolledBack());
            assertTrue(p.consistency().consistent(), p.consistency().problems().toString());
            CanaryState after = svc.state();
            assertNull(after.active());
            assertEquals("initial", after.stable());
            MarketState back = new MarketService(db, new MarketEngine(), clock).load();
            for (String m : markets()) {
                assertEquals(200, back.book(m).feeBps(), m);
                assertFalse("1.5.0".equals(after.releaseOf(m)), m);
            }
            assertThrows(io.mbp.error.BadInputException.class, () -> svc.rollback("again", false));
        }
    }

    @EveryEngine
    void aPassedLastPhaseMakesTheReleaseStableForEveryMarket(TestDatabase engine) {
        Hands clock = new Hands();
        try (Database db = Database.openMigrated(engine.url())) {
            seed(db, clock);
            CanaryService svc = new CanaryService(db, clock);
            svc.start(new ReleaseParams("1.5.0", 210, 1_000, 2_000, 3_000, 600, 200, "cd".repeat(32)), List.of(50L, 100L),
                    Duration.ofMinutes(30));
            traffic(db, clock, T0, Duration.ofMinutes(30));
            CanaryService.Promotion p = svc.promote(ApiMetrics.parse(API), ApiMetrics.parse(API));
            assertTrue(p.analysis().passed(), p.analysis().checks().toString());
            assertEquals(100, p.to());
            CanaryState s = svc.state();
            assertNull(s.active());
            assertEquals("1.5.0", s.stable());
            MarketState st = new MarketService(db, new MarketEngine(), clock).load();
            for (String m : markets()) {
                assertEquals(210, st.book(m).feeBps(), m);
                assertEquals("1.5.0", s.releaseOf(m), m);
            }
        }
    }

    @EveryEngine
    void aPromotionACrashCutShortIsFinishedByTheNextCommand(TestDatabase engine) {
        Hands clock = new Hands();
        try (Database db = Database.openMigrated(engine.url())) {
            seed(db, clock);
            CanaryService svc = new CanaryService(db, clock);
            svc.start(new ReleaseParams("1.5.0", 210, 1_000, 2_000, 3_000, 600, 200, "cd".repeat(32)), List.of(50L, 100L),
                    Duration.ofMinutes(30));
            // the process died right after logging the promotion to 100%, before moving the other half
            new EventLog(db).append(List.of(NewEvent.of(CanaryEvents.TYPES, "canary-1.5.0", clock.now, new CanaryPromoted("1.5.0", 50, 100, 0))));
            assertTrue(markets().stream().anyMatch(m -> !"1.5.0".equals(new MarketService(db, new MarketEngine(), clock).load().book(m).release)));
            clock.now = T0.plus(Duration.ofHours(1));
            CanaryState s = svc.start(new ReleaseParams("1.6.0", 230, 1_000, 2_000, 3_000, 600, 200, "ef".repeat(32)), List.of(20L, 100L),
                    Duration.ofMinutes(30));
            assertEquals("1.5.0", s.active().started.stable());
            MarketState st = new MarketService(db, new MarketEngine(), clock).load();
            for (String m : markets()) {
                boolean canary = Cohort.contains(20, m);
                assertEquals(canary ? 230 : 210, st.book(m).feeBps(), m);
                assertEquals(canary ? "1.6.0" : "1.5.0", s.releaseOf(m), m);
            }
            // and died right after logging a rollback: the next command returns the markets, then says no canary runs
            new EventLog(db).append(List.of(NewEvent.of(CanaryEvents.TYPES, "canary-1.6.0", clock.now,
                    new CanaryRolledBack("1.6.0", 20, "operator", false))));
            assertThrows(io.mbp.error.BadInputException.class, () -> svc.rollback("again", false));
            MarketState back = new MarketService(db, new MarketEngine(), clock).load();
            for (String m : markets()) {
                assertEquals(210, back.book(m).feeBps(), m);
                assertEquals("1.5.0", back.book(m).release, m);
            }
        }
    }
}
