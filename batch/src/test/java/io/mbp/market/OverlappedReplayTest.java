package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventLog;
import io.mbp.market.MarketCommand.CreateMarket;
import io.mbp.market.MarketCommand.Deposit;
import io.mbp.market.MarketCommand.PlaceOrder;
import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Replay with reading + decoding on a second thread (ADR 0134): order, errors and the reader's end. */
class OverlappedReplayTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    /** A log several hand-off batches long, so the reader runs ahead and blocks on a full queue. */
    private static MarketService longLog(Database db) {
        MarketService svc = new MarketService(db, new MarketEngine(), CLOCK);
        svc.load();
        svc.execute(new CreateMarket("M", "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 100_000, "E0"));
        svc.execute(new Deposit("ana", 100_000_000, "E1", "k1", "h1"));
        int orders = (OverlappedReplay.DEPTH + 2) * OverlappedReplay.BATCH + 321;
        for (int from = 0; from < orders; from += 500) {
            List<MarketCommand> batch = new ArrayList<>();
            for (int i = from; i < Math.min(orders, from + 500); i++) {
                batch.add(new PlaceOrder("M", "ana", i % 3 == 0 ? "NO" : "YES", i % 7 == 6 ? "sell" : "buy", 100 + i % 13, 0, "o" + i, "h"));
            }
            svc.commit(batch, false);
        }
        assertTrue(svc.logSize() > (OverlappedReplay.DEPTH + 2L) * OverlappedReplay.BATCH, "log of " + svc.logSize());
        return svc;
    }

    private static void assertNoReaderLeft() {
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> OverlappedReplay.READER.equals(t.getName())),
                "a replay reader thread is still running");
    }

    @EveryEngine
    void aLongReplayEqualsLiveAndADecodeFailureMidLogThrowsTheStrictDecodersErrorWithNoReaderLeft(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url())) {
            MarketService live = longLog(db);
            MarketService fresh = new MarketService(db, new MarketEngine(), CLOCK);
            fresh.load();
            assertEquals(live.state().digest(), fresh.state().digest());
            assertEquals(live.state().lastSeq(), fresh.state().lastSeq());
            assertEquals(live.logSize(), fresh.logSize());
            assertNoReaderLeft();

            // a fill with a repeated field behind the engine's back, then more rows after it
            long seq = new EventLog(db).size();
            String fill = "{\"account\":\"ana\",\"account\":\"bob\",\"amount\":10,\"cost\":10,\"fee\":0,\"market\":\"M\","
                    + "\"order_id\":\"o\",\"outcome\":\"YES\",\"shares\":5,\"side\":\"buy\"}";
            db.inTransaction(dsl -> {
                dsl.execute("INSERT INTO events (seq, type, stream, ts, payload, leaf_hash) VALUES (?, ?, ?, ?, ?, ?)",
                        seq, "OrderFilled", "M", "2026-11-27T12:00:00Z", fill, "0".repeat(64));
                for (long k = 1; k <= 3; k++) {
                    dsl.execute("INSERT INTO events (seq, type, stream, ts, payload, leaf_hash) VALUES (?, ?, ?, ?, ?, ?)",
                            seq + k, "NotFolded", "X", "2026-11-27T12:00:00Z", "{}", "0".repeat(64));
                }
                return null;
            });
            RuntimeException strict = assertThrows(RuntimeException.class, () -> EventCatalog.standard().decode("OrderFilled", fill));
            RuntimeException replay = assertThrows(RuntimeException.class, () -> new MarketService(db, new MarketEngine(), CLOCK).load());
            assertSame(strict.getClass(), replay.getClass(), "replay threw " + replay);
            assertEquals(strict.getMessage(), replay.getMessage());
            assertNoReaderLeft();
        }
    }

    @EveryEngine
    void aFoldThatFailsStopsTheReader(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url())) {
            longLog(db);
            IllegalStateException boom = new IllegalStateException("observer refused");
            int[] seen = {0};
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> new MarketService(db, new MarketEngine(), CLOCK).replayObserved((s, e, ts) -> {
                        if (++seen[0] == 50) {
                            throw boom;
                        }
                    }));
            assertSame(boom, thrown);
            assertEquals(50, seen[0]);
            assertNoReaderLeft();
            // the connection is usable afterwards and the log reads whole
            MarketService again = new MarketService(db, new MarketEngine(), CLOCK);
            again.load();
            assertEquals(new EventLog(db).size(), again.logSize());
        }
    }
}
