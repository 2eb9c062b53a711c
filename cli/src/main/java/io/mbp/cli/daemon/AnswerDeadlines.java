package io.mbp.cli.daemon;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

/**
 * The engine's answer deadline (docs/adr/0135): a request the engine has not answered
 * {@code timeoutNanos} after it was queued fails with a {@link TimeoutException} (the API answers 503,
 * retry with the same Idempotency-Key). One FIFO and one sweep replace a timer task per request
 * ({@code CompletableFuture.orTimeout} scheduled and cancelled one for every order, each a wake-up of
 * the JDK's delay-scheduler thread). Every request gets the same timeout, so the queue is in deadline
 * order and a sweep stops at the first request neither answered nor due; answered ones are dropped as
 * the sweep passes them. Thread-safe: any thread adds, one thread sweeps.
 */
final class AnswerDeadlines {
    private record Pending(long deadline, CompletableFuture<?> answer) {
    }

    private final long timeoutNanos;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

    AnswerDeadlines(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** Watches {@code answer}, queued at {@code nowNanos}; returns it. */
    <T> CompletableFuture<T> watch(CompletableFuture<T> answer, long nowNanos) {
        pending.add(new Pending(nowNanos + timeoutNanos, answer));
        return answer;
    }

    /** Fails every watched answer that is due at {@code nowNanos} and still open; returns how many. */
    int expire(long nowNanos) {
        int failed = 0;
        for (Pending p = pending.peek(); p != null; p = pending.peek()) {
            boolean open = !p.answer().isDone();
            if (open && nowNanos - p.deadline() < 0) {
                break; // the oldest open request is not due yet, so no later one is
            }
            pending.poll();
            if (open && p.answer().completeExceptionally(new TimeoutException("no answer from the engine in time"))) {
                failed++;
            }
        }
        return failed;
    }

    /** Requests watched and not yet passed by a sweep (answered ones behind an open one included). */
    int size() {
        return pending.size();
    }
}
