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
}
