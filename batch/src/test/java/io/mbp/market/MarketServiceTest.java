package io.mbp.market;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.MarketCommand.CreateMarket;
import io.mbp.market.MarketCommand.Deposit;
import io.mbp.market.MarketCommand.PlaceOrder;
import io.mbp.oracle.Finalized;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

class MarketServiceTest {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path tmp;


    static String url(TestDatabase engine) {
        return engine.url();
    }

    @EveryEngine
    void batchesCommitTogetherCatchUpWithOtherWritersAndReplayEqualsLive(TestDatabase engine) {
        try (Database db = Database.openMigrated(url(engine))) {
            MarketService svc = new MarketService(db, new MarketEngine(), CLOCK);
            svc.load();
            svc.execute(new CreateMarket("M", "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 100_000, "E0"));
            List<MarketCommand> batch = new ArrayList<>();
            batch.add(new Deposit("ana", 50_000, "E1", "k1", "h1"));
            for (int i = 0; i < 20; i++) {
                batch.add(new PlaceOrder("M", "ana", i % 2 == 0 ? "YES" : "NO", "buy", 1_000, 0, "o" + i, "h"));
            }
            batch.add(new PlaceOrder("M", "ana", "YES", "buy", 1_000_000, 0, "big", "h")); // refused, the rest stands
            batch.add(new PlaceOrder("M", "ana", "YES", "buy", 1_000, 0, "o0", "h")); // same key, same body
            batch.add(new PlaceOrder("M", "ana", "YES", "buy", 1_000, 0, "o0", "other")); // same key, other body
            MarketService.Committed c = svc.commit(batch, true);
            assertEquals(Reject.INSUFFICIENT_FUNDS, c.outcomes().get(21).rejected().code());
            assertEquals("ord-1", ((OrderFilled) c.outcomes().get(22).replayed()).orderId());
            assertEquals(Reject.IDEMPOTENCY_KEY_REUSED, c.outcomes().get(23).rejected().code());
            assertEquals(20, svc.state().book("M").orders);

            // another writer (the oracle's job) appends Finalized; the next batch sees it and settles
            new EventLog(db).append(List.of(NewEvent.of(EventCatalog.standard(), "EV", CLOCK.instant(),
                    new Finalized("EV", "categorical", null, "NO", false, "undisputed", "2026-11-27T12:00:00Z"))));
            MarketService.Committed c2 = svc.commit(List.of(), true);
            assertEquals(1, c2.foreign().size());
            assertTrue(c2.outcomes().get(0).ok());
            assertTrue(svc.state().book("M").settlement != null);
            assertEquals(List.of(), Invariants.check(svc.state()));

            MarketService fresh = new MarketService(db, new MarketEngine(), CLOCK);
            fresh.load();
            assertEquals(svc.state().digest(), fresh.state().digest());
            assertEquals(svc.logSize(), new EventLog(db).size());
            // settling twice yields nothing new, byte for byte the same log
            long size = new EventLog(db).size();
            assertThrows(MarketRejected.class, () -> fresh.execute(new MarketCommand.Settle("M")));
            assertEquals(List.of(), fresh.settleFinalized());
            assertEquals(size, new EventLog(db).size());
        }
    }

    @EveryEngine
    void snapshotPlusTailEqualsAFullReplay(TestDatabase engine) {
        try (Database db = Database.openMigrated(url(engine))) {
            MarketService svc = new MarketService(db, new MarketEngine(), CLOCK);
            svc.load();
            svc.execute(new CreateMarket("M", "EV", List.of("YES", "NO", "MAYBE"), 200, null, null, null, "lp", 100_000, "E0"));
            svc.commit(List.of(new Deposit("ana", 50_000, "E1", "k1", "h1"),
                    new PlaceOrder("M", "ana", "YES", "buy", 30_000, 0, "o1", "h"),
                    new MarketCommand.Halt("M", HaltLevel.WARN, "watch"),
                    new MarketCommand.AddLiquidity("M", "ana", 5_000, "l1", "h")), true);
            svc.snapshot();
            svc.commit(List.of(new PlaceOrder("M", "ana", "NO", "buy", 1_000, 0, "o2", "h")), true);
            MarketService fromSnapshot = new MarketService(db, new MarketEngine(), CLOCK);
            long from = fromSnapshot.loadFromSnapshot();
            assertTrue(from > 0, "started from the snapshot");
            MarketService full = new MarketService(db, new MarketEngine(), CLOCK);
            full.load();
            assertEquals(full.state().digest(), fromSnapshot.state().digest());
            assertEquals(full.logSize(), fromSnapshot.logSize());
            // and the restored state keeps working: same key answered from the snapshot's index
            MarketService.Committed c = fromSnapshot.commit(List.of(new PlaceOrder("M", "ana", "YES", "buy", 30_000, 0, "o1", "h")), true);
            assertEquals("ord-1", ((OrderFilled) c.outcomes().get(0).replayed()).orderId());
        }
    }

    /** Issue 11: a version 1 snapshot kept the API's JSON per idempotency key; it is not read, the log is replayed. */
    @EveryEngine
    void anOldVersionSnapshotIsReplacedByAFullReplay(TestDatabase engine) {
        try (Database db = Database.openMigrated(url(engine))) {
            MarketService svc = new MarketService(db, new MarketEngine(), CLOCK);
            svc.load();
            svc.execute(new CreateMarket("M", "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 100_000, "E0"));
            svc.commit(List.of(new Deposit("ana", 50_000, "E1", "k1", "h1"),
                    new PlaceOrder("M", "ana", "YES", "buy", 30_000, 0, "o1", "h")), true);
            svc.snapshot();
            assertTrue(new MarketService(db, new MarketEngine(), CLOCK).loadFromSnapshot() > 0, "version 2 is read");
            db.inTransaction(dsl -> dsl.update(io.mbp.sql.schema.Tables.MARKET_SNAPSHOTS)
                    .set(io.mbp.sql.schema.Tables.MARKET_SNAPSHOTS.CHUNK,
                            org.jooq.impl.DSL.replace(io.mbp.sql.schema.Tables.MARKET_SNAPSHOTS.CHUNK, "\"version\":2", "\"version\":1"))
                    .execute());
            MarketService old = new MarketService(db, new MarketEngine(), CLOCK);
            assertEquals(0, old.loadFromSnapshot(), "a version 1 snapshot is not read");
            assertEquals(svc.state().digest(), old.state().digest());
            MarketService.Committed c = old.commit(List.of(new PlaceOrder("M", "ana", "YES", "buy", 30_000, 0, "o1", "h")), true);
            assertEquals("ord-1", ((OrderFilled) c.outcomes().get(0).replayed()).orderId());
        }
    }

    @EveryEngine
    void aRefusedCommandWritesNothing(TestDatabase engine) {
        try (Database db = Database.openMigrated(url(engine))) {
            MarketService svc = new MarketService(db, new MarketEngine(), CLOCK);
            svc.load();
            MarketRejected r = assertThrows(MarketRejected.class, () -> svc.execute(
                    new CreateMarket("M", "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 0, "E0")));
            assertEquals(Reject.INVALID_FIELD, r.code());
            assertEquals(0, new EventLog(db).size());
        }
    }

    /**
     * Replay reads payloads as bytes without Jackson's duplicate detection on the fill path (ADR 0128):
     * a stored fill with a repeated field (written behind the engine's back) is still refused, with
     * the strict decoder's exception and message, as before.
     */
    @EveryEngine
    void replayRefusesARepeatedFieldWithTheStrictDecodersMessage(TestDatabase engine) {
        try (Database db = Database.openMigrated(url(engine))) {
            MarketService svc = new MarketService(db, new MarketEngine(), CLOCK);
            svc.load();
            svc.execute(new CreateMarket("M", "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 100_000, "E0"));
            long seq = new EventLog(db).size();
            String fill = "{\"account\":\"ana\",\"account\":\"bob\",\"amount\":10,\"cost\":10,\"fee\":0,\"market\":\"M\","
                    + "\"order_id\":\"o\",\"outcome\":\"YES\",\"shares\":5,\"side\":\"buy\"}";
            db.inTransaction(dsl -> dsl.execute("INSERT INTO events (seq, type, stream, ts, payload, leaf_hash) VALUES (?, ?, ?, ?, ?, ?)",
                    seq, "OrderFilled", "M", "2026-11-27T12:00:00Z", fill, "0".repeat(64)));
            RuntimeException strict = assertThrows(RuntimeException.class, () -> EventCatalog.standard().decode("OrderFilled", fill));
            RuntimeException replay = assertThrows(RuntimeException.class, () -> new MarketService(db, new MarketEngine(), CLOCK).load());
            Throwable t = replay;
            while (t != null && !(t.getClass() == strict.getClass() && strict.getMessage().equals(t.getMessage()))) {
                t = t.getCause();
            }
            assertTrue(t != null, "replay's error " + replay + " is not the strict decoder's " + strict);
        }
    }
}
