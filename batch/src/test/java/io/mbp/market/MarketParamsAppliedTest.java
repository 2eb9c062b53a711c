package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A market moved onto a release's fee: the engine prices with it, snapshots keep it, untouched markets keep their digest. */
class MarketParamsAppliedTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @EveryEngine
    void theEnginePricesWithTheAppliedFeeAndASnapshotKeepsIt(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url())) {
            MarketService svc = new MarketService(db, new MarketEngine(), CLOCK);
            svc.load();
            svc.commit(List.of(new MarketCommand.CreateMarket("A", "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 1_000_000, "E-A"),
                    new MarketCommand.CreateMarket("B", "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 1_000_000, "E-B"),
                    new MarketCommand.Deposit("ana", 100_000, "E-ana", null, null)), false);
            Map<String, Object> before = svc.state().digest();
            svc.execute(new MarketCommand.ApplyParams("A", "1.5.0", 500, "canary"));
            OrderFilled a = (OrderFilled) svc.execute(new MarketCommand.PlaceOrder("A", "ana", "YES", "buy", 1_000, 0, null, null)).get(0);
            OrderFilled b = (OrderFilled) svc.execute(new MarketCommand.PlaceOrder("B", "ana", "YES", "buy", 1_000, 0, null, null)).get(0);
            assertEquals(50, a.fee(), "500 bps on the moved market");
            assertEquals(20, b.fee(), "its own 200 bps on the other");
            assertEquals("1.5.0", svc.state().book("A").release);
            assertNull(svc.state().book("B").release);
            @SuppressWarnings("unchecked")
            Map<String, Object> books = (Map<String, Object>) svc.state().digest().get("books");
            assertFalse(books.get("B").toString().contains("params"), "a market never moved digests as before");
            assertTrue(books.get("A").toString().contains("params=1.5.0 500"));
            assertEquals(((Map<?, ?>) ((Map<?, ?>) before.get("books")).get("B")).keySet(), ((Map<?, ?>) books.get("B")).keySet(),
                    "an unmoved market's digest has the keys it always had");

            svc.snapshot();
            MarketService fromSnapshot = new MarketService(db, new MarketEngine(), CLOCK);
            fromSnapshot.loadFromSnapshot();
            assertEquals(svc.state().digest(), fromSnapshot.state().digest());
            assertEquals(500, fromSnapshot.state().book("A").feeBps());
            assertEquals(svc.state().digest(), new MarketService(db, new MarketEngine(), CLOCK).load().digest());
        }
    }

    @org.junit.jupiter.api.Test
    void onlyTheEngineWritesItAndASettledMarketKeepsItsFee() {
        MarketEngine e = new MarketEngine();
        MarketState s = new MarketState();
        e.evolve(s, new MarketCreated("A", "EV", List.of("YES", "NO"), 200), CLOCK.instant(), 0);
        MarketRejected raw = assertThrows(MarketRejected.class,
                () -> e.admit(s, new MarketParamsApplied("A", "1.5.0", 300, "canary"), CLOCK.instant()));
        assertTrue(raw.getMessage().contains("use mbp canary"), raw.getMessage());
        e.evolve(s, new MarketSettled("A", "EV", 0, List.of(1L, 0L), 1, "YES"), CLOCK.instant(), 1);
        assertThrows(MarketRejected.class, () -> e.decide(s, new MarketCommand.ApplyParams("A", "1.5.0", 300, "canary"), CLOCK.instant()));
        assertThrows(MarketRejected.class, () -> e.decide(s, new MarketCommand.ApplyParams("Z", "1.5.0", 300, "canary"), CLOCK.instant()));
        assertThrows(io.mbp.events.FieldException.class, () -> new MarketParamsApplied("A", "1.5.0", 300, "sideways"));
    }

    @EveryEngine
    void aMarketOnTighterHaltBandsHaltsWhereItsTwinDoesNotAndASnapshotKeepsTheBands(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url())) {
            MarketService svc = new MarketService(db, new MarketEngine(), CLOCK);
            svc.load();
            svc.commit(List.of(new MarketCommand.CreateMarket("A", "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 1_000_000, "E-A"),
                    new MarketCommand.CreateMarket("B", "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 1_000_000, "E-B"),
                    new MarketCommand.Deposit("ana", 1_000_000, "E-ana", null, null)), false);
            ParamBands tight = new ParamBands(100L, 200L, 300L, 600L, 50L);
            svc.execute(new MarketCommand.ApplyParams("A", "1.5.0", 200, "canary", tight));
            // the same order on both: a move of a few percent, below the default 10% warn band
            List<MarketEvent> a = svc.execute(new MarketCommand.PlaceOrder("A", "ana", "YES", "buy", 100_000, 0, null, null));
            List<MarketEvent> b = svc.execute(new MarketCommand.PlaceOrder("B", "ana", "YES", "buy", 100_000, 0, null, null));
            assertEquals(HaltLevel.NORMAL, svc.state().book("B").level(), b.toString());
            assertEquals(1, b.size(), "no HaltChanged on the market on the default bands: " + b);
            HaltChanged h = (HaltChanged) a.get(1);
            assertEquals("price_band", h.trigger());
            assertTrue(h.metricBps() >= 300 && h.metricBps() < 1_000, "between the tight hard band and the default warn band: " + h);
            assertEquals(HaltLevel.HARD, svc.state().book("A").level());
            assertEquals(tight, svc.state().book("A").bands);

            @SuppressWarnings("unchecked")
            Map<String, Object> books = (Map<String, Object>) svc.state().digest().get("books");
            assertTrue(books.get("A").toString().contains("params=1.5.0 200 halt 100/200/300 staleness 600s band 50bps"), books.toString());
            svc.snapshot();
            MarketService fromSnapshot = new MarketService(db, new MarketEngine(), CLOCK);
            fromSnapshot.loadFromSnapshot();
            assertEquals(tight, fromSnapshot.state().book("A").bands);
            assertEquals(svc.state().digest(), fromSnapshot.state().digest());
            assertEquals(svc.state().digest(), new MarketService(db, new MarketEngine(), CLOCK).load().digest());

            // back to the defaults through the event: the digest says so
            svc.execute(new MarketCommand.ApplyParams("A", "initial", 200, "rollback"));
            assertEquals(ParamBands.NONE, svc.state().book("A").bands);
        }
    }

    @org.junit.jupiter.api.Test
    void aFeeOnlyEventEncodesAsBeforeSoOldLogsKeepTheirBytes() {
        io.mbp.events.EventTypes t = MarketEvents.TYPES;
        String old = "{\"fee_bps\":300,\"market\":\"A\",\"reason\":\"canary\",\"release\":\"1.5.0\"}";
        MarketParamsApplied decoded = (MarketParamsApplied) t.decode("MarketParamsApplied", old);
        assertEquals(ParamBands.NONE, decoded.bands());
        assertEquals(old, t.encode(decoded));
        assertEquals(old, t.encode(new MarketParamsApplied("A", "1.5.0", 300, "canary")));
        String full = t.encode(new MarketParamsApplied("A", "1.5.0", 300, "canary", new ParamBands(100L, 200L, 300L, null, 50L)));
        assertTrue(full.contains("\"halt_hard_bps\":300") && full.contains("\"oracle_band_bps\":50") && !full.contains("staleness"), full);
        assertThrows(io.mbp.events.FieldException.class, () -> new ParamBands(100L, null, 300L, null, null));
        assertThrows(io.mbp.events.FieldException.class, () -> new ParamBands(300L, 200L, 100L, null, null));
    }
}
