package io.mbp.cli.daemon;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that write the answers the engine thread completes (docs/adr/0157): one per core, where
 * each answer went to whichever of Jetty's pool threads (up to 68) was idle. A group commit completes its
 * orders' futures in a burst; this queue wakes a sleeping thread only when it was empty, and each woken
 * thread wakes the next while work remains, so each takes answers back to back until none is left.
 */
final class AnswerThreads implements Executor, AutoCloseable {
    private final ThreadPoolExecutor pool;

    AnswerThreads(int threads) {
        AtomicInteger made = new AtomicInteger();
        // after close an answer is refused; CompletableFuture then fails the answer's stage instead of
        // throwing at the thread that completed the future (the engine's), and the connection is closed
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "http-answer-" + made.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.prestartAllCoreThreads();
    }

    /** One thread per core the JVM may use. */
    static AnswerThreads perCore() {
        return new AnswerThreads(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public void execute(Runnable answer) {
        pool.execute(answer);
    }

    /** Lets the answers already queued be written (up to 2 s), then stops the threads. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
