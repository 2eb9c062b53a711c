package io.mbp.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.WithdrawalRequested;
import io.mbp.payout.sim.InProcessRail;
import io.mbp.payout.sim.PspSimulator;
import io.mbp.payout.sim.SimConfig;
import io.mbp.sql.Database;
import io.mbp.sql.Engine;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.PostgresServer;
import io.mbp.sql.testing.TestDatabase;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, ADR 0310: two workers running the payouts of one day on one database pay every
 * instruction exactly once. On PostgreSQL they run at the same time and split the day (each claims
 * instructions the other does not hold, SKIP LOCKED); on H2 and SQLite one worker runs at a time, and
 * the second finds nothing left to send.
 */
class PayoutSplitTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-27");
    private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");
    private static final int INSTRUCTIONS = 40;
    private static final Clock CLOCK = Clock.fixed(T.plusSeconds(3600), ZoneOffset.UTC);

    private final PspSimulator sim = new PspSimulator(new SimConfig(SimConfig.DEFAULT_ISPB, SimConfig.DEFAULT_ACCOUNT, 7,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 800), CLOCK);
    /** Every send the PSP received, per instruction id, whichever worker made it. */
    private final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();

    /** The simulator, counting sends; with {@code together}, a worker's first send waits until the other also sends one. */
    private PixRail rail(AtomicInteger mine, CountDownLatch together) {
        PixRail sim = new InProcessRail(this.sim);
        return new PixRail() {
            @Override
            public RailResult send(PaymentOrder o) {
                sends.computeIfAbsent(o.instructionId(), k -> new AtomicInteger()).incrementAndGet();
                if (mine.getAndIncrement() == 0 && together != null) {
                    together.countDown();
                    try {
                        assertTrue(together.await(30, TimeUnit.SECONDS), "the other worker never sent anything");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return sim.send(o);
            }

            @Override
            public RailResult status(String id) {
                return sim.status(id);
            }

            @Override
            public List<RailReturn> returns(LocalDate date) {
                return sim.returns(date);
            }

            @Override
            public byte[] statement(LocalDate date, String format) {
                return sim.statement(date, format);
            }
        };
    }

    private static void withdrawals(Database db) {
        var types = EventCatalog.standard();
        List<NewEvent> out = new ArrayList<>();
        for (int i = 0; i < INSTRUCTIONS; i++) {
            String account = "acct-" + i;
            out.add(NewEvent.of(types, account, T, WithdrawalRequested.legacy("wd-" + i, account, 100 + i, account + "@pix")));
        }
        new EventLog(db).append(out);
    }

    private static PayoutService.RunSummary work(String url, PixRail rail) throws InterruptedException {
        try (Database db = Database.open(url)) {
            return new PayoutService(db, CLOCK).run(DAY, rail, d -> { }, RetryPolicy.DEFAULT, 2,
                    new Payees((p, paid) -> Optional.empty(), PayeeKeys.CLEAR_ONLY));
        }
    }

    @EveryEngine
    void twoWorkersPayEveryInstructionExactlyOnce(TestDatabase database) throws Exception {
        String url = database.url();
        try (Database db = Database.openMigrated(url)) {
            withdrawals(db);
        }
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        List<PayoutService.RunSummary> runs = new ArrayList<>();
        if (database.is(Engine.POSTGRESQL)) {
            CountDownLatch together = new CountDownLatch(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<PayoutService.RunSummary> a = pool.submit(() -> work(url, rail(first, together)));
                Future<PayoutService.RunSummary> b = pool.submit(() -> work(url, rail(second, together)));
                runs.add(a.get(60, TimeUnit.SECONDS));
                runs.add(b.get(60, TimeUnit.SECONDS));
            } finally {
                pool.shutdownNow();
            }
        } else {
            runs.add(work(url, rail(first, null)));
            runs.add(work(url, rail(second, null)));
        }

        Set<String> doubled = new TreeSet<>();
        sends.forEach((id, n) -> {
            if (n.get() != 1) {
                doubled.add(id + " x" + n.get());
            }
        });
        assertEquals(Set.of(), doubled, "instructions sent more than once");
        assertEquals(INSTRUCTIONS, sends.size(), "every instruction sent");
        long due = 0;
        for (int i = 0; i < INSTRUCTIONS; i++) {
            due += 100 + i;
        }
        assertEquals(due, sim.paidTotal(), "the PSP paid each withdrawal once");
        assertEquals(INSTRUCTIONS, runs.get(0).instructed() + runs.get(1).instructed(), "instructed once, by one worker");
        assertEquals(INSTRUCTIONS, runs.get(0).report().confirmed() + runs.get(1).report().confirmed(),
                "each confirmation reported by the worker that sent it");
        assertEquals(due, runs.get(0).paidTotal() + runs.get(1).paidTotal());
        try (Database db = Database.open(url)) {
            java.util.Collection<Payout> all = new PayoutService(db, CLOCK).book().all();
            assertEquals(INSTRUCTIONS, all.size());
            assertTrue(all.stream().allMatch(p -> p.status() == PayoutStatus.CONFIRMED && p.attempt() == 1), "all paid at the first attempt");
            if (database.is(Engine.POSTGRESQL)) {
                assertTrue(first.get() > 0 && second.get() > 0, "both workers sent: " + first + " and " + second);
                assertEquals(2, claimants(db), "the claim rows name both workers");
            } else {
                assertEquals(INSTRUCTIONS, first.get(), "one worker at a time: the first sends the day");
                assertEquals(0, second.get(), "and the second finds nothing left to send");
            }
        }
    }

    /** A worker that dies mid-batch: what it claimed is skipped while its session lives and paid by the next run. */
    @Test
    void aClaimIsHeldWhileItsSessionLivesAndFreedWhenItEnds() throws Exception {
        PostgresServer.urlOrSkip();
        try (TestDatabase database = new TestDatabase(Engine.POSTGRESQL)) {
            String url = database.url();
            List<String> held;
            try (Database db = Database.openMigrated(url)) {
                withdrawals(db);
                PayoutService svc = new PayoutService(db, CLOCK);
                svc.instructDue(DAY, svc.book());
                PayoutClaims stuck = PayoutClaims.open(db, CLOCK);
                List<String> ids = svc.book().all().stream().map(Payout::id).toList();
                stuck.offer(ids);
                held = stuck.claim(ids, 5);
                assertEquals(5, held.size());
                AtomicInteger sent = new AtomicInteger();
                work(url, rail(sent, null));
                assertEquals(INSTRUCTIONS - 5, sent.get(), "everything but the held claims sent");
                assertTrue(held.stream().noneMatch(sends::containsKey), "a held claim is not sent");
                stuck.close(); // the worker's session ends (a crash ends it the same way)
            }
            AtomicInteger later = new AtomicInteger();
            work(url, rail(later, null));
            assertEquals(5, later.get(), "the next run sends what the dead worker held");
            assertEquals(INSTRUCTIONS, sends.size());
            assertTrue(sends.values().stream().allMatch(n -> n.get() == 1), "nothing sent twice");
        }
    }

    /**
     * The nightly's lock holder (waitForPeers): once nothing is left to claim it waits for the peers'
     * claims to end, then sends what a peer left (here: a peer that dies holding five), so the day's
     * outcomes are all in the log before its seal. Without the wait it returned with the five unsent.
     */
    @Test
    void theLockHolderWaitsForItsPeersClaimsAndSendsWhatADeadPeerLeft() throws Exception {
        PostgresServer.urlOrSkip();
        try (TestDatabase database = new TestDatabase(Engine.POSTGRESQL)) {
            String url = database.url();
            try (Database db = Database.openMigrated(url)) {
                withdrawals(db);
                PayoutService svc = new PayoutService(db, CLOCK);
                svc.instructDue(DAY, svc.book());
                PayoutClaims peer = PayoutClaims.open(db, CLOCK);
                List<String> ids = svc.book().all().stream().map(Payout::id).toList();
                peer.offer(ids);
                List<String> held = peer.claim(ids, 5);
                AtomicInteger sent = new AtomicInteger();
                ExecutorService pool = Executors.newSingleThreadExecutor();
                try {
                    Future<PayoutService.RunSummary> holder = pool.submit(() -> {
                        try (Database own = Database.open(url)) {
                            return new PayoutService(own, CLOCK).run(DAY, rail(sent, null), d -> { }, RetryPolicy.DEFAULT, 2,
                                    new Payees((p, paid) -> Optional.empty(), PayeeKeys.CLEAR_ONLY), true);
                        }
                    });
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (sent.get() < INSTRUCTIONS - 5 && System.nanoTime() < until) {
                        Thread.sleep(20);
                    }
                    Thread.sleep(500);
                    assertEquals(INSTRUCTIONS - 5, sent.get(), "everything but the peer's claims sent");
                    assertTrue(!holder.isDone(), "the holder waits while the peer's claims live");
                    peer.close(); // the peer dies holding its claims
                    PayoutService.RunSummary s = holder.get(60, TimeUnit.SECONDS);
                    assertEquals(INSTRUCTIONS, s.report().confirmed(), "and then sends what the peer left");
                } finally {
                    pool.shutdownNow();
                }
                assertTrue(held.stream().allMatch(id -> sends.get(id).get() == 1));
                assertEquals(INSTRUCTIONS, sends.size());
                assertTrue(sends.values().stream().allMatch(n -> n.get() == 1), "nothing sent twice");
            }
        }
    }

    private static int claimants(Database db) throws Exception {
        try (Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(DISTINCT worker) FROM payout_claim")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
