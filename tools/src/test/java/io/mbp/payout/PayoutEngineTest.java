package io.mbp.payout;

import io.mbp.market.PixPayee;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.payout.sim.InProcessRail;
import io.mbp.payout.sim.PspSimulator;
import io.mbp.payout.sim.SimConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayoutEngineTest {
    static final Instant T0 = Instant.parse("2026-11-27T20:00:00Z");
    static final PayoutInstructed I = new PayoutInstructed("po-1", "acct-1", PixPayee.legacy("+5511999999999"), 1500, "withdrawal", "wd-1");

    static Payout fold(List<PayoutEvent> events) {
        PayoutBook b = new PayoutBook();
        for (PayoutEvent e : events) {
            b.apply(e, T0);
        }
        return b.get(I.instructionId());
    }

    @Test
    void happyPathAndReturn() {
        List<PayoutEvent> log = new ArrayList<>(PayoutEngine.instruct(null, I));
        assertEquals(List.of(), PayoutEngine.instruct(fold(log), I), "instructing twice is a no-op");
        log.addAll(PayoutEngine.startAttempt(fold(log)));
        assertEquals(PayoutStatus.SENT, fold(log).status());
        log.addAll(PayoutEngine.outcome(fold(log), new RailResult.Confirmed("E1", 10), RetryPolicy.DEFAULT));
        Payout p = fold(log);
        assertEquals(PayoutStatus.CONFIRMED, p.status());
        assertEquals("E1", p.e2eid());
        assertEquals(List.of(), PayoutEngine.startAttempt(p), "a confirmed payout is never sent again");
        log.addAll(PayoutEngine.returned(p, "D1", 1500, "MD06"));
        assertEquals(PayoutStatus.RETURNED, fold(log).status());
        assertEquals(List.of(), PayoutEngine.returned(fold(log), "D1", 1500, "MD06"), "same return twice is a no-op");
    }

    @Test
    void retriesAreBoundedThenParked() {
        RetryPolicy policy = new RetryPolicy(100, 1000, 3, 0);
        List<PayoutEvent> log = new ArrayList<>(PayoutEngine.instruct(null, I));
        for (int attempt = 1; attempt <= 3; attempt++) {
            log.addAll(PayoutEngine.startAttempt(fold(log)));
            assertEquals(attempt, fold(log).attempt());
            log.addAll(PayoutEngine.outcome(fold(log), new RailResult.Failed("http 503", true), policy));
        }
        Payout p = fold(log);
        assertEquals(PayoutStatus.PARKED, p.status());
        assertTrue(p.lastReason().contains("3 attempts"), p.lastReason());
        assertEquals(List.of(), PayoutEngine.startAttempt(p), "a parked payout waits for an operator");
        log.addAll(PayoutEngine.operatorRetry(p, "ana"));
        assertEquals(PayoutStatus.RETRIED, fold(log).status());
        List<PayoutEvent> next = PayoutEngine.startAttempt(fold(log));
        assertEquals(List.of(new PayoutSent("po-1", 4)), next);
    }

    @Test
    void permanentFailureParksAtOnce() {
        List<PayoutEvent> log = new ArrayList<>(PayoutEngine.instruct(null, I));
        log.addAll(PayoutEngine.startAttempt(fold(log)));
        log.addAll(PayoutEngine.outcome(fold(log), new RailResult.Failed("unknown key", false), RetryPolicy.DEFAULT));
        assertEquals(PayoutStatus.PARKED, fold(log).status());
    }

    @Test
    void refusals() {
        Payout p = fold(PayoutEngine.instruct(null, I));
        assertThrows(PayoutRefusedException.class, () -> PayoutEngine.operatorRetry(p, "ana"));
        assertThrows(PayoutRefusedException.class, () -> PayoutEngine.returned(p, "D1", 1500, "MD06"));
    }

    @Test
    void backoffIsExponentialJitteredDeterministicAndCapped() {
        RetryPolicy p = new RetryPolicy(200, 5000, 10, 0);
        for (int a = 1; a <= 8; a++) {
            long exp = Math.min(5000, 200L << (a - 1));
            Duration d = p.delayAfter("po-1", a);
            assertTrue(d.toMillis() >= exp / 2 && d.toMillis() <= exp, a + ": " + d);
            assertEquals(d, p.delayAfter("po-1", a), "same id and attempt, same delay");
        }
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> p.delayAfter("po-" + i, 3)).distinct().count();
        assertTrue(distinct > 10, "jitter spreads instructions out, got " + distinct + " distinct delays");
    }

    @Test
    void timeoutThatHidASuccessIsConfirmedWithTheSameE2eid() throws Exception {
        // Every first request times out after the PSP processed it.
        SimConfig cfg = new SimConfig(SimConfig.DEFAULT_ISPB, SimConfig.DEFAULT_ACCOUNT, 3, 0, 1000, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0);
        FakeTime time = new FakeTime(T0);
        PspSimulator sim = new PspSimulator(cfg, time);
        PayoutBook book = new PayoutBook();
        book.apply(I, T0);
        List<PayoutEvent> sunk = new ArrayList<>();
        PayoutRunner runner = new PayoutRunner(new InProcessRail(sim), book, (ev, at) -> sunk.addAll(ev), time, time,
                new RetryPolicy(100, 1000, 3, 2));
        PayoutRunner.Report r = runner.run(List.of("po-1"));
        // All requests "time out", yet the status check before parking finds the payment made.
        assertEquals(1, r.confirmed());
        assertEquals(1, sim.paidCount());
        assertEquals(sim.get("po-1").e2eid(), book.get("po-1").e2eid());
        assertInstanceOf(PayoutConfirmed.class, sunk.get(sunk.size() - 1));
        assertTrue(book.get("po-1").e2eid().matches("E60701190202611272000[A-Z0-9]{11}"), book.get("po-1").e2eid());
    }

    @Test
    void aCrashAfterSentResumesByAskingThePspNotByPayingAgain() throws Exception {
        FakeTime time = new FakeTime(T0);
        PspSimulator sim = new PspSimulator(SimConfig.clean(5), time);
        // The first process logged Sent and reached the PSP, then died before logging the answer.
        sim.put("po-1", I.account(), I.pixKey(), I.amount());
        // A second instruction was logged Sent but the process died before the request left.
        PayoutInstructed other = new PayoutInstructed("po-2", "acct-2", PixPayee.legacy("k2"), 700, "withdrawal", "wd-2");
        PayoutBook book = new PayoutBook();
        for (PayoutEvent e : List.of(I, new PayoutSent("po-1", 1), other, new PayoutSent("po-2", 1))) {
            book.apply(e, T0);
        }
        List<PayoutEvent> sunk = new ArrayList<>();
        new PayoutRunner(new InProcessRail(sim), book, (ev, at) -> sunk.addAll(ev), time, time, RetryPolicy.DEFAULT)
                .run(List.of("po-1", "po-2"));
        assertEquals(List.of(new PayoutConfirmed("po-1", 1, sim.get("po-1").e2eid(), 0),
                new PayoutConfirmed("po-2", 1, sim.get("po-2").e2eid(), 0)), sunk, "no new Sent: the same attempt completes");
        assertEquals(2, sim.paidCount());
        assertEquals(1500 + 700, sim.paidTotal());
    }
}
