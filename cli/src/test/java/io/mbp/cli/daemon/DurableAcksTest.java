package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * ADR 0124: no answer leaves before the fsync that follows its batch's commit — a read neither, when a
 * batch before it still waits — one fsync covers every batch handed over while the previous one ran,
 * and a failed fsync answers nothing as done.
 */
class DurableAcksTest {
    /** A disk whose fsyncs wait for the test's permits and count themselves. */
    private static final class GatedDisk implements DurableAcks.Disk {
        final Semaphore permits = new Semaphore(0);
        final AtomicInteger syncs = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        volatile IOException failWith;

        @Override
        public void sync() throws IOException {
            entered.countDown();
            permits.acquireUninterruptibly();
            syncs.incrementAndGet();
            if (failWith != null) {
                throw failWith;
            }
        }
    }

    private static Reply ok(String id) {
        return new Reply(201, Map.of("id", id));
    }

    @Test
    void writesAndTheReadsBehindThemWaitForTheFsync() throws Exception {
        GatedDisk disk = new GatedDisk();
        try (DurableAcks acks = new DurableAcks(disk)) {
            acks.start();
            CompletableFuture<Reply> idle = new CompletableFuture<>();
            acks.answer(idle, ok("r0"));
            assertTrue(idle.isDone(), "nothing waits for the disk: a read is answered at once");

            CompletableFuture<Reply> w1 = new CompletableFuture<>();
            CompletableFuture<Reply> w2 = new CompletableFuture<>();
            acks.afterCommit(List.of(w1, w2), List.of(ok("o1"), ok("o2")));
            CompletableFuture<Reply> read = new CompletableFuture<>();
            acks.answer(read, ok("r1"));
            assertTrue(disk.entered.await(5, TimeUnit.SECONDS));
            Thread.sleep(100);
            assertFalse(w1.isDone() || w2.isDone(), "acknowledged before the fsync returned");
            assertFalse(read.isDone(), "a read showed a batch that is not on disk yet");

            disk.permits.release();
            assertEquals("o1", ((Map<?, ?>) w1.get(5, TimeUnit.SECONDS).body()).get("id"));
            assertEquals("o2", ((Map<?, ?>) w2.get(5, TimeUnit.SECONDS).body()).get("id"));
            assertEquals(201, read.get(5, TimeUnit.SECONDS).status());
            assertEquals(1, disk.syncs.get());
            assertNull(acks.failure());
        }
    }

    @Test
    void oneFsyncCoversTheBatchesHandedOverWhileTheLastOneRan() throws Exception {
        GatedDisk disk = new GatedDisk();
        try (DurableAcks acks = new DurableAcks(disk)) {
            acks.start();
            CompletableFuture<Reply> first = new CompletableFuture<>();
            acks.afterCommit(List.of(first), List.of(ok("b0")));
            assertTrue(disk.entered.await(5, TimeUnit.SECONDS));
            CompletableFuture<?>[] later = new CompletableFuture<?>[5];
            for (int b = 0; b < later.length; b++) {
                CompletableFuture<Reply> f = new CompletableFuture<>();
                later[b] = f;
                acks.afterCommit(List.of(f), List.of(ok("b" + (b + 1))));
            }
            disk.permits.release(); // the first fsync returns: only b0 was handed over before it started
            assertEquals(201, first.get(5, TimeUnit.SECONDS).status());
            Thread.sleep(100);
            for (CompletableFuture<?> f : later) {
                assertFalse(f.isDone(), "answered with the fsync that began before its commit");
            }
            disk.permits.release();
            CompletableFuture.allOf(later).get(5, TimeUnit.SECONDS);
            assertEquals(2, disk.syncs.get(), "five batches, one fsync");
            assertEquals(2, acks.counters()[0]);
        }
    }

    @Test
    void aFailedFsyncAnswersStorageUnavailableAndStaysFailed() throws Exception {
        GatedDisk disk = new GatedDisk();
        disk.failWith = new IOException("Input/output error");
        disk.permits.release(10);
        try (DurableAcks acks = new DurableAcks(disk)) {
            acks.start();
            CompletableFuture<Reply> w = new CompletableFuture<>();
            acks.afterCommit(List.of(w), List.of(ok("o1")));
            Reply r = w.get(5, TimeUnit.SECONDS);
            assertEquals(503, r.status());
            assertTrue(r.body().toString().contains("STORAGE_UNAVAILABLE"), r.body().toString());
            assertNotNull(acks.failure());
            assertTrue(acks.failure().contains("Input/output error"), acks.failure());

            disk.failWith = null; // a later fsync that succeeds proves nothing about the lost tail
            CompletableFuture<Reply> after = new CompletableFuture<>();
            acks.afterCommit(List.of(after), List.of(ok("o2")));
            assertEquals(503, after.get(5, TimeUnit.SECONDS).status());
            CompletableFuture<Reply> read = new CompletableFuture<>();
            acks.answer(read, ok("r"));
            assertEquals(503, read.get(5, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void theEngineLoopStopsTheDaemonWhenAnFsyncFails() throws Exception {
        try (io.mbp.sql.Database db = io.mbp.sql.Database.openMigrated("jdbc:h2:mem:acks-fail;DB_CLOSE_DELAY=-1")) {
            io.mbp.market.MarketService svc = new io.mbp.market.MarketService(db, new io.mbp.market.MarketEngine(),
                    java.time.Clock.systemUTC());
            svc.load();
            GatedDisk disk = new GatedDisk();
            disk.failWith = new IOException("No space left on device");
            disk.permits.release(10);
            java.util.concurrent.CompletableFuture<String> stopped = new java.util.concurrent.CompletableFuture<>();
            EngineLoop engine = new EngineLoop(svc, new io.mbp.events.EventLog(db), 100, Long.MAX_VALUE, 0, stopped::complete);
            try (DurableAcks acks = new DurableAcks(disk)) {
                engine.acks = acks;
                acks.start();
                engine.start();
                Reply r = engine.write(new io.mbp.market.MarketCommand.Deposit("ana", 5_000, "E-1", "k1", "h1")).get(5, TimeUnit.SECONDS);
                assertEquals(503, r.status(), "a deposit acknowledged although its fsync failed");
                String why = stopped.get(5, TimeUnit.SECONDS);
                assertTrue(why.contains("No space left on device"), why);
                assertEquals(why, engine.fatal());
            } finally {
                engine.stop();
            }
        }
    }

    @Test
    void closeAnswersWhatWasHandedOverAfterItsFsync() throws Exception {
        GatedDisk disk = new GatedDisk();
        disk.permits.release(10);
        CompletableFuture<Reply> w = new CompletableFuture<>();
        DurableAcks acks = new DurableAcks(disk);
        acks.start();
        acks.afterCommit(List.of(w), List.of(ok("last")));
        acks.close();
        assertTrue(w.isDone());
        assertEquals(201, w.get().status());
        assertEquals(1, disk.syncs.get());
    }
}
