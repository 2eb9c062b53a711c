package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The engine's answer deadline: an unanswered request fails when due, an answered one is left alone. */
class AnswerDeadlinesTest {
    private static final long TIMEOUT = 30_000;

    @Test
    void anUnansweredRequestFailsWithATimeoutOnceDueAndNotBefore() {
        AnswerDeadlines d = new AnswerDeadlines(TIMEOUT);
        CompletableFuture<String> f = d.watch(new CompletableFuture<>(), 1_000);
        assertEquals(0, d.expire(1_000 + TIMEOUT - 1));
        assertFalse(f.isDone());
        assertEquals(1, d.expire(1_000 + TIMEOUT));
        CompletionException x = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, f::join);
        assertInstanceOf(TimeoutException.class, x.getCause());
        assertEquals(0, d.size());
    }

    @Test
    void anAnsweredRequestKeepsItsAnswerAndIsDroppedByTheNextSweep() {
        AnswerDeadlines d = new AnswerDeadlines(TIMEOUT);
        CompletableFuture<String> f = d.watch(new CompletableFuture<>(), 0);
        f.complete("201");
        assertEquals(0, d.expire(1)); // long before its deadline: dropped, not failed
        assertEquals(0, d.size());
        assertEquals(0, d.expire(TIMEOUT * 10));
        assertEquals("201", f.join());
    }

    @Test
    void aSweepStopsAtTheOldestOpenRequestAndFailsOnlyWhatIsDue() {
        AnswerDeadlines d = new AnswerDeadlines(TIMEOUT);
        CompletableFuture<String> a = d.watch(new CompletableFuture<>(), 0);
        CompletableFuture<String> b = d.watch(new CompletableFuture<>(), 10);
        CompletableFuture<String> c = d.watch(new CompletableFuture<>(), 20);
        b.complete("answered");
        assertEquals(1, d.expire(TIMEOUT + 15)); // a is due; b answered; c is not due
        assertTrue(a.isCompletedExceptionally());
        assertEquals("answered", b.join());
        assertFalse(c.isDone());
        assertEquals(1, d.size());
        assertEquals(1, d.expire(TIMEOUT + 20));
        assertTrue(c.isCompletedExceptionally());
    }

    @Test
    void answeredRequestsDoNotPileUpWhileTheEngineKeepsAnswering() {
        AnswerDeadlines d = new AnswerDeadlines(TIMEOUT);
        for (int i = 0; i < 100_000; i++) {
            d.watch(new CompletableFuture<>(), i).complete("ok");
            if (i % 1_000 == 0) {
                d.expire(i);
            }
        }
        d.expire(100_000);
        assertEquals(0, d.size());
    }

    @Test
    void theEngineDropsAnsweredRequestsAtOnceAndNeverFailsOne() {
        AnswerDeadlines d = new AnswerDeadlines(TIMEOUT);
        CompletableFuture<String> a = d.watch(new CompletableFuture<>(), 0);
        CompletableFuture<String> b = d.watch(new CompletableFuture<>(), 0);
        CompletableFuture<String> c = d.watch(new CompletableFuture<>(), 0);
        a.complete("201");
        c.complete("201");
        d.dropAnswered(); // a goes; b is open (and long due), so it and c stay
        assertEquals(2, d.size());
        assertFalse(b.isDone());
        b.complete("201");
        d.dropAnswered();
        assertEquals(0, d.size());
    }

    @org.junit.jupiter.api.RepeatedTest(10) // without the sweep lock it fails about one run in three
    void sweepsRunningAtOnceLoseNoOpenRequest() throws Exception {
        AnswerDeadlines d = new AnswerDeadlines(TIMEOUT);
        int n = 200_000;
        java.util.List<CompletableFuture<String>> open = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable sweeper = () -> {
            while (!done.get()) {
                d.dropAnswered();
                d.expire(0); // nothing is due at 0: only drops
            }
        };
        Thread s1 = new Thread(sweeper);
        Thread s2 = new Thread(sweeper);
        s1.start();
        s2.start();
        for (int i = 0; i < n; i++) {
            CompletableFuture<String> f = d.watch(new CompletableFuture<>(), 1);
            if (i % 3 == 0) {
                open.add(f);
            } else {
                f.complete("ok");
            }
            if (i % 1_000 == 0) { // answer the older open ones, so sweeps keep passing heads
                for (int k = 0; k < open.size() - 1; k++) {
                    open.get(k).complete("late");
                }
                open.subList(0, Math.max(0, open.size() - 1)).clear();
            }
        }
        done.set(true);
        s1.join();
        s2.join();
        d.expire(TIMEOUT * 10);
        for (CompletableFuture<String> f : open) {
            assertTrue(f.isDone(), "an open request left the queue unanswered");
        }
    }
}
