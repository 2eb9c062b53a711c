package io.mbp.market;

import static io.mbp.sql.schema.Tables.MARKET_SNAPSHOTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mbp.market.MarketCommand.CreateMarket;
import io.mbp.market.MarketCommand.Deposit;
import io.mbp.market.MarketCommand.PlaceOrder;
import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** ADR 0127: a snapshot frozen on the engine thread, rendered and written elsewhere while the state moves on. */
class FrozenSnapshotTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    private static MarketService started(Database db) {
        MarketService svc = new MarketService(db, new MarketEngine(), CLOCK);
        svc.load();
        svc.execute(new CreateMarket("M", "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 100_000, "E0"));
        svc.commit(List.of(new Deposit("ana", 50_000, "E1", "k1", "h1"),
                new PlaceOrder("M", "ana", "YES", "buy", 3_000, 0, "o1", "h")), true);
        return svc;
    }

    /** Moves every part a snapshot holds: the pool, a position, the ledger, a new key and a new e2eid. */
    private static void moveOn(MarketService svc, int n) {
        svc.commit(List.of(new Deposit("bia", 20_000, "E-" + n, "k-" + n, "h"),
                new PlaceOrder("M", "ana", "NO", "buy", 1_000, 0, "o-" + n, "h"),
                new PlaceOrder("M", "bia", "YES", "buy", 2_000, 0, "p-" + n, "h")), true);
    }

    @EveryEngine
    void aFrozenSnapshotIsTheStateOfItsMomentWhateverHappensBeforeItIsRendered(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url())) {
            MarketService svc = started(db);
            Map<String, Object> then = svc.state().digest();
            FrozenSnapshot f = svc.freezeSnapshot();
            moveOn(svc, 1);
            moveOn(svc, 2);
            assertNotEquals(then, svc.state().digest(), "the state moved on");
            MarketState rendered = new Snapshots().decode(f.encode());
            assertEquals(then, rendered.digest());
            assertThrows(IllegalStateException.class, f::encode, "rendered once");
        }
    }

    @EveryEngine
    void aSnapshotWrittenApartIsReadOnlyOnceEveryPartIsThere(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url()); Database own = Database.open(engine.url())) {
            MarketService svc = started(db);
            svc.snapshot();
            long first = svc.logSize();
            moveOn(svc, 1);
            FrozenSnapshot f = svc.freezeSnapshot();
            String text = f.encode();
            moveOn(svc, 2);
            // cut off after the head and three parts of 40 characters: the first snapshot is still the one read
            int[] units = {0};
            Snapshots.Writes cutOff = unit -> {
                if (units[0]++ == 4) {
                    throw new IllegalStateException("cut off");
                }
                own.inTransaction(dsl -> {
                    unit.accept(dsl);
                    return null;
                });
            };
            assertThrows(IllegalStateException.class, () -> new Snapshots().save(cutOff, text, f.covers(), CLOCK.instant(), 40));
            assertEquals(3, (int) own.read(dsl -> dsl.fetchCount(MARKET_SNAPSHOTS, MARKET_SNAPSHOTS.COVERS.eq(f.covers()))));
            assertRestartsFrom(db, first, svc);
            // written whole, part by part through the other connection while this one commits between parts
            svc.saveSnapshotApart(own, f, text, Duration.ZERO);
            assertRestartsFrom(db, f.covers(), svc);
            // a third: the two newest complete ones are kept
            moveOn(svc, 3);
            svc.snapshot();
            assertEquals(List.of(svc.logSize(), f.covers()), db.read(dsl -> dsl.selectDistinct(MARKET_SNAPSHOTS.COVERS)
                    .from(MARKET_SNAPSHOTS).orderBy(MARKET_SNAPSHOTS.COVERS.desc()).fetch(MARKET_SNAPSHOTS.COVERS)));
            assertRestartsFrom(db, svc.logSize(), svc);
        }
    }

    @EveryEngine
    void anInterruptedWriteStopsAndLeavesNothingThatIsRead(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url()); Database own = Database.open(engine.url())) {
            MarketService svc = started(db);
            FrozenSnapshot f = svc.freezeSnapshot();
            Thread.currentThread().interrupt();
            try {
                assertThrows(IllegalStateException.class, () -> svc.saveSnapshotApart(own, f, f.encode(), Duration.ZERO));
            } finally {
                Thread.interrupted();
            }
            assertRestartsFrom(db, 0, svc);
        }
    }

    /** A new service on {@code db} starts from the snapshot covering {@code covers} events and ends as {@code live}. */
    private static void assertRestartsFrom(Database db, long covers, MarketService live) {
        MarketService restarted = new MarketService(db, new MarketEngine(), CLOCK);
        assertEquals(covers, restarted.loadFromSnapshot());
        assertEquals(live.state().digest(), restarted.state().digest());
        assertEquals(live.logSize(), restarted.logSize());
    }
}
