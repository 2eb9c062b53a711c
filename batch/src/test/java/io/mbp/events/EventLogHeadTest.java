package io.mbp.events;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import io.mbp.sql.Engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.error.VerificationFailedException;
import io.mbp.market.DepositReceived;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head check an append makes: rows changed behind mbp's back refuse further appends, naming the seq. */
class EventLogHeadTest {
    private static final EventTypes TYPES = EventCatalog.standard();

    @TempDir
    Path tmp;

    private static List<NewEvent> deposits(int from, int n) {
        List<NewEvent> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            out.add(NewEvent.of(TYPES, "acct-" + i, Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i),
                    new DepositReceived("acct-" + i, 1000L + i, "E" + i)));
        }
        return out;
    }

    private String h2Url() {
        return "jdbc:h2:file:" + tmp.resolve("log").toAbsolutePath();
    }

    /** What someone with SQL privileges can do: drop the guard and delete a row. */
    private static void deleteBehindTheLogsBack(Database db, long seq) throws Exception {
        try (Statement st = db.connection().createStatement()) {
            // PostgreSQL's one trigger guards UPDATE and DELETE together (V2).
            st.execute(db.engine() == Engine.POSTGRESQL ? TestDatabase.dropTrigger(db.engine(), "events_no_update", "events")
                    : "DROP TRIGGER events_no_delete");
            st.execute("DELETE FROM events WHERE seq = " + seq);
        }
        if (!db.connection().getAutoCommit()) {
            db.connection().commit();
        }
    }

    @Test
    void aRowMissingInTheMiddleRefusesAppendsNamingTheSeqOnH2() throws Exception {
        try (Database db = Database.openMigrated(h2Url())) {
            EventLog log = new EventLog(db);
            log.append(deposits(0, 10));
            deleteBehindTheLogsBack(db, 4);
            VerificationFailedException e = assertThrows(VerificationFailedException.class, () -> log.append(deposits(10, 1)));
            assertTrue(e.getMessage().contains("seq 4 is missing"), e.getMessage());
            assertEquals(9, log.tail(100).size(), "nothing was appended");
        }
    }

    @EveryEngine
    void theLastRowMissingRefusesAppendsOnEveryEngine(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(engine.url())) {
            EventLog log = new EventLog(db);
            log.append(deposits(0, 5));
            deleteBehindTheLogsBack(db, 4);
            VerificationFailedException e = assertThrows(VerificationFailedException.class, () -> log.append(deposits(5, 1)));
            assertTrue(e.getMessage().contains("ends at seq 3"), e.getMessage());
        }
    }

    /**
     * With two writers on one H2 file, H2's COUNT(*) read before the lock now and then misses a commit
     * the head read already saw (ADR 0132). The interleaving is injected: the head says 10, the count
     * 9, no seq is missing. That is no hole, so the lock is taken and the append goes on.
     */
    @Test
    void aCountThatMissedACommitIsNoHoleOnH2() {
        try (Database db = Database.openMigrated(h2Url())) {
            EventLog log = new EventLog(db);
            log.append(deposits(0, 10));
            assertEquals(10L, (long) db.inTransaction(dsl -> LogAppender.lockAndCheck(dsl, 10, 9)));
            log.append(deposits(10, 1));
            assertEquals(11, log.size());
        }
    }

    /** The same short count over a real hole still refuses, naming the missing seq. */
    @Test
    void aShortCountOverARealHoleStillRefusesOnH2() throws Exception {
        try (Database db = Database.openMigrated(h2Url())) {
            new EventLog(db).append(deposits(0, 10));
            deleteBehindTheLogsBack(db, 0);
            VerificationFailedException e = assertThrows(VerificationFailedException.class,
                    () -> db.inTransaction(dsl -> LogAppender.lockAndCheck(dsl, 10, 9)));
            assertTrue(e.getMessage().contains("seq 0 is missing"), e.getMessage());
        }
    }

    /**
     * DaemonShardTest's case without the daemons: four connections on one shared file append at once
     * the way MarketService.commit does (take the lock, then append), 1,000 appends in all. Every one
     * must land and the log must stay gapless. Before ADR 0132 about 1 in 250 was refused on H2 as "the
     * log head says n events but the events table holds n-1 rows".
     */
    @EveryEngine
    void fourWritersOnOneFileAreNeverRefusedAndLeaveNoHole(TestDatabase engine) throws Exception {
        String url = engine.url() + (engine.is(Engine.H2) ? ";AUTO_SERVER=TRUE" : "");
        int writers = 4;
        int rounds = 250;
        try (Database keep = Database.openMigrated(url)) {
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<Integer>> refused = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                refused.add(pool.submit(() -> {
                    int n = 0;
                    try (Database db = Database.open(url)) {
                        for (int r = 0; r < rounds; r++) {
                            try {
                                db.inTransaction(dsl -> {
                                    EventLog.appendIn(dsl, Collections.emptyIterator());
                                    return EventLog.appendIn(dsl, deposits(next.getAndIncrement(), 1).iterator());
                                });
                            } catch (VerificationFailedException e) {
                                n++;
                            }
                        }
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> f : refused) {
                total += f.get();
            }
            pool.shutdown();
            assertEquals(0, total, "appends refused for a hole that is not there");
            EventLog log = new EventLog(keep);
            assertEquals(writers * rounds, log.size());
            assertEquals(writers * rounds, log.forEach(0, Long.MAX_VALUE, e -> { }), "gapless: every seq below the head is there");
        }
    }
}
