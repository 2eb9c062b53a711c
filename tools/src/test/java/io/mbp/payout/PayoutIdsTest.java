package io.mbp.payout;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import io.mbp.market.PixPayee;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.events.NewEvent;
import io.mbp.market.SettlementPayout;
import io.mbp.market.WithdrawalRequested;
import io.mbp.payout.sim.InProcessRail;
import io.mbp.payout.sim.PspSimulator;
import io.mbp.payout.sim.SimConfig;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, defects 1-3 through the real path (log, PayoutService, runner, in-process PSP): every
 * source is instructed once, under its own id, and paid to its own account, also for logs that
 * already hold old-scheme instructions or ids no longer accepted at the edge.
 */
class PayoutIdsTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-27");
    private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");
    private static final String LONG_MARKET = "M" + "m".repeat(58) + "-2026"; // 64 characters, a legal market id

    @TempDir
    Path tmp;

    private final FakeTime time = new FakeTime(T.plusSeconds(3600));
    private final PspSimulator sim = new PspSimulator(new SimConfig(SimConfig.DEFAULT_ISPB, SimConfig.DEFAULT_ACCOUNT, 7,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 800), time);

    private static Database db(TestDatabase engine) {
        return Database.openMigrated(engine.url());
    }

    private static void append(Database db, EventPayload... payloads) {
        var types = EventCatalog.standard();
        List<NewEvent> out = new ArrayList<>();
        for (EventPayload p : payloads) {
            String stream = p instanceof PayoutEvent pe ? pe.instructionId() : ((io.mbp.market.MarketEvent) p).streamId();
            out.add(NewEvent.of(types, stream, T, p));
        }
        new EventLog(db).append(out);
    }

    private PayoutService.RunSummary run(Database db) throws InterruptedException {
        // ids, not KYC, are under test: these old-log fixtures hold clear keys of accounts never onboarded
        return new PayoutService(db, time).run(DAY, new InProcessRail(sim), time, RetryPolicy.DEFAULT, 1,
                new Payees((p, paid) -> java.util.Optional.empty(), PayeeKeys.CLEAR_ONLY));
    }

    /** What the PSP paid, per account and origin reference: the money that actually left. */
    private Map<String, Long> paid(Database db, String origin) {
        Map<String, Long> m = new TreeMap<>();
        for (Payout p : new PayoutService(db, time).book().all()) {
            PspSimulator.Payment pay = sim.get(p.id());
            if (pay != null && p.instruction().origin().equals(origin)) {
                assertEquals(p.instruction().account(), pay.account());
                m.merge(p.instruction().account() + "|" + p.instruction().originRef(), pay.amount(), Long::sum);
            }
        }
        return m;
    }

    private static WithdrawalRequested key(String account) {
        return WithdrawalRequested.legacy("key-" + account, account, 1, account + "@pix");
    }

    @EveryEngine
    void everyWinnerOfAMarketWithA64CharacterIdIsPaid(TestDatabase engine) throws Exception {
        try (Database db = db(engine)) {
            append(db, key("alice"), key("bob"), key("carol"),
                    new SettlementPayout(LONG_MARKET + ":alice", LONG_MARKET, "alice", 1500, 1500, 0, 0),
                    new SettlementPayout(LONG_MARKET + ":bob", LONG_MARKET, "bob", 700, 700, 0, 0),
                    new SettlementPayout(LONG_MARKET + ":carol", LONG_MARKET, "carol", 30, 0, 20, 10));
            PayoutService.RunSummary r = run(db);
            assertEquals(6, r.instructed(), "three key withdrawals and three winners");
            assertEquals(Map.of("alice|" + LONG_MARKET + ":alice", 1500L, "bob|" + LONG_MARKET + ":bob", 700L,
                    "carol|" + LONG_MARKET + ":carol", 30L), paid(db, "settlement"));
            assertEquals(0, run(db).instructed(), "re-running instructs nothing");
        }
    }

    @EveryEngine
    void idsThatSanitiseAlikeAreDifferentPayouts(TestDatabase engine) throws Exception {
        try (Database db = db(engine)) {
            append(db, key("a@b"), key("a_b"), key("z"), key("Y_z"), key("c"), key("b:c"),
                    new SettlementPayout("M:a@b", "M", "a@b", 100, 100, 0, 0),
                    new SettlementPayout("M:a_b", "M", "a_b", 200, 200, 0, 0),
                    new SettlementPayout("X_Y:z", "X_Y", "z", 300, 300, 0, 0),
                    new SettlementPayout("X:Y_z", "X", "Y_z", 400, 400, 0, 0),
                    new SettlementPayout("a:b:c", "a:b", "c", 500, 500, 0, 0),
                    new SettlementPayout("a:b:c", "a", "b:c", 600, 600, 0, 0));
            run(db);
            assertEquals(Map.of("a@b|M:a@b", 100L, "a_b|M:a_b", 200L, "z|X_Y:z", 300L, "Y_z|X:Y_z", 400L,
                    "c|a:b:c", 500L, "b:c|a:b:c", 600L), paid(db, "settlement"));
        }
    }

    @EveryEngine
    void withdrawalsXSlash1AndXUnderscore1AreEachPaidToTheirOwnAccount(TestDatabase engine) throws Exception {
        try (Database db = db(engine)) {
            append(db, WithdrawalRequested.legacy("x/1", "ana", 5000, "ana@pix"),
                    WithdrawalRequested.legacy("x_1", "bob", 7000, "bob@pix"),
                    WithdrawalRequested.legacy("x:1", "eve", 9000, "eve@pix"));
            assertEquals(3, run(db).instructed());
            assertEquals(Map.of("ana|x/1", 5000L, "bob|x_1", 7000L, "eve|x:1", 9000L), paid(db, "withdrawal"));
            for (Payout p : new PayoutService(db, time).book().all()) {
                assertEquals(p.instruction().pixKey(), sim.get(p.id()).pixKey());
            }
        }
    }

    @EveryEngine
    void aLogAlreadyHoldingPoisonedWithdrawalIdsStillPaysEverything(TestDatabase engine) throws Exception {
        String sixtyOne = "w".repeat(61);
        try (Database db = db(engine)) {
            append(db, WithdrawalRequested.legacy(sixtyOne, "ana", 100, "ana@pix"),
                    WithdrawalRequested.legacy("../../etc", "bob", 200, "bob@pix"),
                    WithdrawalRequested.legacy("a b/c\u0000", "eve", 300, "eve@pix"),
                    WithdrawalRequested.legacy("wd-ok", "ana", 400, "ana@pix"));
            PayoutService.RunSummary r = run(db);
            assertEquals(4, r.instructed());
            assertEquals(4, r.report().confirmed());
            assertEquals(1000, r.paidTotal());
            assertEquals(Map.of("ana|" + sixtyOne, 100L, "bob|../../etc", 200L, "eve|a b/c\u0000", 300L, "ana|wd-ok", 400L),
                    paid(db, "withdrawal"));
            for (Payout p : new PayoutService(db, time).book().all()) {
                assertTrue(p.id().matches("po-w-[0-9a-f]{56}"), p.id());
            }
        }
    }

    @EveryEngine
    void oldSchemeInstructionsAreNeverInstructedAgain(TestDatabase engine) throws Exception {
        try (Database db = db(engine)) {
            // What the old code logged: po-w-<id> and po-s-<market>_<account>; one confirmed, one never sent.
            append(db, WithdrawalRequested.legacy("wd-1", "alice", 900, "alice@pix"),
                    new SettlementPayout("M1:alice", "M1", "alice", 1500, 1500, 0, 0),
                    new PayoutInstructed("po-w-wd-1", "alice", PixPayee.legacy("alice@pix"), 900, "withdrawal", "wd-1"),
                    new PayoutSent("po-w-wd-1", 1),
                    new PayoutConfirmed("po-w-wd-1", 1, "E0000", 0),
                    new PayoutInstructed("po-s-M1_alice", "alice", PixPayee.legacy("alice@pix"), 1500, "settlement", "M1:alice"));
            PayoutService.RunSummary r = run(db);
            assertEquals(0, r.instructed(), "both sources already have an instruction, under the old ids");
            assertEquals(Map.of("po-s-M1_alice", 1500L), sim.paidById(), "the pending one is sent under its old id, once");
            assertEquals(2, new PayoutService(db, time).book().size());
            assertEquals(0, run(db).instructed());
            assertEquals(1, sim.paidCount());
        }
    }

    @EveryEngine
    void aLogWhereTheOldSchemeCollidedPaysOnlyTheSourcesLeftOut(TestDatabase engine) throws Exception {
        String oldId = ("po-s-" + LONG_MARKET + "_alice").substring(0, 64);
        try (Database db = db(engine)) {
            append(db, key("alice"), key("bob"), WithdrawalRequested.legacy("x/1", "ana", 5000, "ana@pix"),
                    WithdrawalRequested.legacy("x_1", "bob", 7000, "bob@pix"),
                    new SettlementPayout(LONG_MARKET + ":alice", LONG_MARKET, "alice", 1500, 1500, 0, 0),
                    new SettlementPayout(LONG_MARKET + ":bob", LONG_MARKET, "bob", 700, 700, 0, 0),
                    // the old code: one truncated id for both winners, one sanitised id for both withdrawals
                    new PayoutInstructed(oldId, "alice", PixPayee.legacy("alice@pix"), 1500, "settlement", LONG_MARKET + ":alice"),
                    new PayoutSent(oldId, 1), new PayoutConfirmed(oldId, 1, "E0001", 0),
                    new PayoutInstructed("po-w-x_1", "ana", PixPayee.legacy("ana@pix"), 5000, "withdrawal", "x/1"),
                    new PayoutSent("po-w-x_1", 1), new PayoutConfirmed("po-w-x_1", 1, "E0002", 0));
            PayoutService.RunSummary r = run(db);
            assertEquals(4, r.instructed(), "bob's settlement, bob's x_1 and the two key withdrawals; nothing already paid");
            Map<String, Long> paid = new TreeMap<>();
            for (Payout p : new PayoutService(db, time).book().all()) {
                if (sim.get(p.id()) != null) {
                    paid.put(p.instruction().account() + "|" + p.instruction().originRef(), sim.get(p.id()).amount());
                }
            }
            assertEquals(Map.of("bob|" + LONG_MARKET + ":bob", 700L, "bob|x_1", 7000L, "alice|key-alice", 1L,
                    "bob|key-bob", 1L), paid);
        }
    }

    /** The sample instructions, derived outside Java (scripted), carry exactly the ids this code derives. */
    @Test
    void theSampleInstructionIdsAreTheDigestsOfTheirSources() throws Exception {
        try (var in = java.nio.file.Files.newBufferedReader(Path.of("..", "samples", "payouts", "2026-11-27.instructions.csv"));
             var csv = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            int n = 0;
            for (var r : csv) {
                assertEquals(r.get("instruction_id"), new PayoutSource(r.get("origin"), r.get("origin_ref"), r.get("account"))
                        .instructionId("po-w-"), r.toString());
                n++;
            }
            assertEquals(90, n);
        }
    }
}
