package io.mbp.cli.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Hands the engine's answers to the HTTP threads a group commit at a time (docs/adr/0144). The engine
 * thread completes every request of a commit in a row; each completion used to be its own task on
 * Jetty's pool, so a commit of n orders cost the engine thread n wake-ups of parked HTTP threads
 * (LockSupport.unpark, a futex call each) and the HTTP threads n park/unpark round trips. Between
 * {@link #hold()} and {@link #release()} on the engine thread, tasks are collected instead and then
 * run as one pool task per {@link #CHUNK} answers, in order. Any other thread, and the engine thread
 * outside a hold, goes straight to the pool. The answers are the same and still written only after
 * the commit is durable: this changes which thread writes them, and when it is woken.
 */
final class AnswerHandOff implements Executor {
    private static final Logger LOG = LogManager.getLogger(AnswerHandOff.class);
    /** Answers per pool task: a commit of a few orders wakes one thread; a large one still spreads. */
    static final int CHUNK = 16;

    private final Executor pool;
    /** The engine thread while it holds; only that thread reads or writes {@link #held}. */
    private volatile Thread holder;
    private List<Runnable> held = new ArrayList<>();

    AnswerHandOff(Executor pool) {
        this.pool = pool;
    }

    /** On the engine thread: from now on, its tasks wait for {@link #release()}. */
    void hold() {
        holder = Thread.currentThread();
    }

    /** On the engine thread: hands the tasks held since {@link #hold()} to the pool, {@link #CHUNK} per task. */
    void release() {
        holder = null;
        if (held.isEmpty()) {
            return;
        }
        List<Runnable> tasks = held;
        held = new ArrayList<>();
        for (int from = 0; from < tasks.size(); from += CHUNK) {
            List<Runnable> chunk = tasks.subList(from, Math.min(tasks.size(), from + CHUNK));
            try {
                pool.execute(() -> runAll(chunk));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                runAll(chunk); // the pool is stopping: write here rather than drop the answers
            }
        }
    }

    @Override
    public void execute(Runnable task) {
        if (holder == Thread.currentThread()) {
            held.add(task);
        } else {
            pool.execute(task);
        }
    }

    private static void runAll(List<Runnable> tasks) {
        for (Runnable t : tasks) {
            try {
                t.run();
            } catch (RuntimeException e) {
                // one answer's failure must not keep the others of its commit from being written
                LOG.error("writing an answer failed", e);
            }
        }
    }
}
