package io.mbp.cli.daemon;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's answer deadline (docs/adr/0135): a request the engine has not answered
 * {@code timeoutNanos} after it was queued fails with a {@link TimeoutException} (the API answers 503,
 * retry with the same Idempotency-Key). One FIFO and one sweep replace a timer task per request
 * ({@code CompletableFuture.orTimeout} scheduled and cancelled one for every order, each a wake-up of
 * the JDK's delay-scheduler thread). Every request gets the same timeout, so the queue is in deadline
 * order and a sweep stops at the first request neither answered nor due; answered ones are dropped as
 * the sweep passes them. The engine thread also drops answered ones after every batch
 * ({@link #dropAnswered()}): an entry holds its answer, and answers kept until the next timed sweep
 * (up to 250 ms, hundreds of requests) were alive at most young collections and so promoted to the old
 * generation as garbage (docs/adr/0135's amendment). Thread-safe: any thread adds;
 * one sweep at a time, a sweep that finds another running returns at once.
 */
final class AnswerDeadlines {
    private record Pending(long deadline, CompletableFuture<?> answer) {
    }

    private final long timeoutNanos;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    /** A sweep peeks then polls: two at once could poll an open request the other only peeked. */
    private final ReentrantLock sweeping = new ReentrantLock();

    AnswerDeadlines(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** Watches {@code answer}, queued at {@code nowNanos}; returns it. */
    <T> CompletableFuture<T> watch(CompletableFuture<T> answer, long nowNanos) {
        pending.add(new Pending(nowNanos + timeoutNanos, answer));
        return answer;
    }

    /**
     * Fails every watched answer that is due at {@code nowNanos} and still open; returns how many (0 as
     * well when another sweep is running: it does the same).
     */
    int expire(long nowNanos) {
        return sweep(nowNanos, true);
    }

    /** Drops the answered requests at the head of the queue, failing none (the engine thread, after a batch). */
    void dropAnswered() {
        sweep(0, false);
    }

    private int sweep(long nowNanos, boolean failDue) {
        if (!sweeping.tryLock()) {
            return 0;
        }
        try {
            int failed = 0;
            for (Pending p = pending.peek(); p != null; p = pending.peek()) {
                boolean open = !p.answer().isDone();
                if (open && (!failDue || nowNanos - p.deadline() < 0)) {
                    break; // the oldest open request is not due yet, so no later one is (or this sweep fails none)
                }
                pending.poll();
                if (open && p.answer().completeExceptionally(new TimeoutException("no answer from the engine in time"))) {
                    failed++;
                }
            }
            return failed;
        } finally {
            sweeping.unlock();
        }
    }

    /** Requests watched and not yet passed by a sweep (answered ones behind an open one included). */
    int size() {
        return pending.size();
    }
}
