package io.mbp.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The claim that decides which sender sends a delivery's round (V82, ADR 0152), on every engine. */
class DeliveryClaimsTest {
    static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");

    /** As the sender does: settled in a transaction of its own connection (the one that appends the attempt). */
    private static int settle(DeliveryClaims c, Database db, String delivery, long basis, Instant now) {
        return db.inTransaction(dsl -> c.settleIn(dsl, delivery, basis, now));
    }

    @EveryEngine
    void oneSenderPerRoundUntilItsLeaseRunsOutUnsettled(TestDatabase engine) {
        try (Database a = Database.openMigrated(engine.url("claims")); Database b = Database.open(engine.url("claims"))) {
            DeliveryClaims mine = new DeliveryClaims(a, "a");
            DeliveryClaims theirs = new DeliveryClaims(b, "b");
            assertTrue(mine.take("wh_1:5", 5, T0));
            assertFalse(theirs.take("wh_1:5", 5, T0.plusSeconds(10)), "a live claim is not shared");
            assertFalse(mine.take("wh_1:5", 4, T0.plusSeconds(10)), "an older round is never sent after a newer one was claimed");
            Instant late = T0.plus(DeliveryClaims.LEASE).plusSeconds(1);
            assertTrue(theirs.take("wh_1:5", 5, late), "its sender died between sending and logging: taken over");
            assertFalse(mine.take("wh_1:5", 5, late.plusSeconds(1)));

            assertEquals(1, settle(theirs, b, "wh_1:5", 5, late));
            assertFalse(mine.take("wh_1:5", 5, late.plus(Duration.ofHours(2))), "a settled round is never sent again, however stale the view");
            assertTrue(mine.take("wh_1:5", 9, late.plusSeconds(5)), "the next round (a failed attempt or a replay at seq 9) is free");

            assertEquals(0, settle(theirs, b, "wh_1:5", 9, late.plusSeconds(6)), "not theirs: settles nothing");
            assertTrue(theirs.take("wh_1:5", 9, late.plusSeconds(5).plus(DeliveryClaims.LEASE).plusSeconds(1)));
        }
    }

    @EveryEngine
    void settledClaimsAreDroppedAfterADay(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url("prune"))) {
            DeliveryClaims c = new DeliveryClaims(db, "a");
            assertTrue(c.take("wh_1:1", 1, T0));
            settle(c, db, "wh_1:1", 1, T0);
            assertTrue(c.take("wh_1:2", 2, T0)); // unsettled: kept
            assertEquals(0, c.prune(T0.plus(Duration.ofHours(23))));
            assertEquals(1, c.prune(T0.plus(Duration.ofHours(25))));
            assertFalse(new DeliveryClaims(db, "b").take("wh_1:2", 2, T0.plusSeconds(1)), "the live claim survived the prune");
        }
    }

    @EveryEngine
    void sendersRacingForOneRoundLeaveExactlyOneWinner(TestDatabase engine) throws Exception {
        int senders = 6;
        try (Database first = Database.openMigrated(engine.url("race"))) {
            for (int round = 1; round <= 5; round++) {
                long basis = round;
                List<Database> dbs = new ArrayList<>();
                ExecutorService pool = Executors.newFixedThreadPool(senders);
                try {
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Boolean>> won = new ArrayList<>();
                    for (int i = 0; i < senders; i++) {
                        Database db = Database.open(engine.url("race"));
                        dbs.add(db);
                        DeliveryClaims c = new DeliveryClaims(db, "s" + i);
                        won.add(pool.submit(() -> {
                            go.await();
                            return c.take("wh_1:7", basis, T0);
                        }));
                    }
                    go.countDown();
                    int winners = 0;
                    for (Future<Boolean> f : won) {
                        winners += f.get() ? 1 : 0;
                    }
                    assertEquals(1, winners, "round " + round);
                } finally {
                    pool.shutdownNow();
                    dbs.forEach(Database::close);
                }
            }
        }
    }
}
