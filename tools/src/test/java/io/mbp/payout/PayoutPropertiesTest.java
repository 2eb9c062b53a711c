package io.mbp.payout;

import io.mbp.market.PixPayee;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mbp.payout.sim.InProcessRail;
import io.mbp.payout.sim.PspSimulator;
import io.mbp.payout.sim.SimConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Whatever the PSP does (5xx, hidden successes, refusals, late confirmations), money and ids stay exact. */
class PayoutPropertiesTest {

    @Property(tries = 200)
    void paidByPspEqualsConfirmedAndNoIdPaysTwice(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 500) int errorPermille,
            @ForAll @IntRange(min = 0, max = 400) int timeoutPermille,
            @ForAll @IntRange(min = 0, max = 200) int rejectPermille,
            @ForAll @IntRange(min = 0, max = 300) int latePermille,
            @ForAll @IntRange(min = 1, max = 6) int maxAttempts,
            @ForAll @IntRange(min = 1, max = 3) int runs,
            @ForAll @IntRange(min = 1, max = 8) int parallelism,
            @ForAll @Size(min = 1, max = 40) List<@LongRange(min = 1, max = 10_000_000) Long> amounts) throws Exception {
        SimConfig cfg = new SimConfig(SimConfig.DEFAULT_ISPB, SimConfig.DEFAULT_ACCOUNT, seed, errorPermille,
                timeoutPermille, rejectPermille, latePermille, 0, 0, 0, 0, 0, 0, 0, 800);
        FakeTime time = new FakeTime(Instant.parse("2026-11-27T12:00:00Z"));
        PspSimulator sim = new PspSimulator(cfg, time);
        PayoutBook book = new PayoutBook();
        List<PayoutEvent> log = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < amounts.size(); i++) {
            PayoutInstructed ins = new PayoutInstructed("po-" + i, "acct-" + i, PixPayee.legacy("key-" + i), amounts.get(i), "withdrawal",
                    "wd-" + i);
            book.apply(ins, time.instant());
            log.add(ins);
            ids.add(ins.instructionId());
        }
        PayoutRunner.EventSink sink = (ev, at) -> log.addAll(ev); // the runner calls it from one thread
        RetryPolicy policy = new RetryPolicy(100, 2000, maxAttempts, 5);
        // Several runs, as cron would do after a crash or the next day, plus operator retries of parked ones.
        for (int r = 0; r < runs; r++) {
            new PayoutRunner(new InProcessRail(sim), book, sink, time, time, policy, parallelism).run(ids);
            for (Payout p : List.copyOf(book.all())) {
                if (p.status() == PayoutStatus.PARKED && r + 1 < runs) {
                    for (PayoutEvent e : PayoutEngine.operatorRetry(p, "prop")) {
                        log.add(e);
                        book.apply(e, time.instant());
                    }
                }
            }
        }
        // Replaying the log gives the same state as the live run (evolve is the only fold).
        PayoutBook replay = new PayoutBook();
        for (PayoutEvent e : log) {
            replay.apply(e, time.instant());
        }
        Map<String, Long> confirmed = new TreeMap<>();
        Set<String> confirmations = new HashSet<>();
        for (PayoutEvent e : log) {
            if (e instanceof PayoutConfirmed c) {
                assertEquals(true, confirmations.add(c.instructionId()), "confirmed twice: " + c.instructionId());
                confirmed.put(c.instructionId(), book.get(c.instructionId()).amount());
            }
        }
        for (Payout p : replay.all()) {
            assertEquals(book.get(p.id()).status(), p.status());
        }
        long confirmedSum = confirmed.values().stream().mapToLong(Long::longValue).sum();
        long pendingSum = 0;
        for (Payout p : book.all()) {
            if (p.status() == PayoutStatus.SENT) {
                pendingSum += p.amount(); // accepted but not yet settled by the PSP: not paid yet either
            }
        }
        Map<String, Long> settled = new TreeMap<>();
        sim.paidById().forEach((id, amount) -> {
            if (sim.get(id).confirmedAt(time.instant())) {
                settled.put(id, amount);
            }
        });
        assertEquals(settled, confirmed, "each id the PSP settled is confirmed once, for the same amount");
        assertEquals(sim.paidTotal(), confirmedSum + pendingSum);
        assertEquals(sim.paidCount(), sim.paidById().size(), "the PSP never executed an id twice");
    }
}
