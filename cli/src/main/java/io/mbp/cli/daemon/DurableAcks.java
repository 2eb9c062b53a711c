package io.mbp.cli.daemon;

import io.mbp.market.Reject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Answers the engine's batches once the log is on disk, on a thread of its own, so the engine thread
 * decides and writes the next batch while this one waits for fsync (docs/adr/0124). A write batch is
 * handed over after its transaction committed without fsync; this thread fsyncs once for every batch
 * handed over since its last fsync, then answers them in order. Reads are answered after every batch
 * before them is on disk, so no answer ever shows an order that a power loss could still take back.
 * When an fsync fails the log's tail is unknown: every answer still waiting, and every later one, is
 * STORAGE_UNAVAILABLE, and {@link #failure()} tells the engine loop to stop the daemon.
 */
final class DurableAcks implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(DurableAcks.class);

    /** Makes every write the log's transactions returned from so far durable (fsync of SQLite's WAL). */
    interface Disk {
        void sync() throws IOException;
    }

    /** Answers to send together; {@code written}: a committed batch that needs the next fsync. */
    private record Pending(boolean written, List<CompletableFuture<Reply>> futures, List<Reply> replies) {
    }

    private final Disk disk;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stop;
    private volatile String failure;
    /** Written batches handed over (engine thread only writes it), those an fsync began on, those on disk. */
    private volatile long handedOver;
    private long taken;
    private volatile long synced;
    private volatile long syncs;
    private volatile long syncNanos;
    DaemonMetrics metrics;

    DurableAcks(Disk disk) {
        this.disk = disk;
        this.thread = new Thread(this::run, "log-fsync");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Waits (engine thread) before the engine takes its next batch, until every batch handed over has
     * its fsync begun: the engine decides and writes one batch while the previous one syncs, and never
     * more, so what arrives meanwhile makes the next batch bigger instead of many small commits waiting
     * for the same fsyncs.
     */
    void awaitFsyncStarted() throws InterruptedException {
        synchronized (this) {
            while (failure == null && taken < handedOver) {
                wait(100);
            }
        }
    }

    /** A committed batch's answers: sent after the fsync that follows its commit. Engine thread only. */
    void afterCommit(List<CompletableFuture<Reply>> futures, List<Reply> replies) {
        handedOver++;
        queue.add(new Pending(true, futures, replies));
    }

    /** A read's answer: at once when every committed batch is on disk, else after those before it. Engine thread only. */
    void answer(CompletableFuture<Reply> future, Reply reply) {
        if (synced == handedOver && failure == null) {
            future.complete(reply);
        } else {
            queue.add(new Pending(false, List.of(future), List.of(reply)));
        }
    }

    /** Why an fsync failed, or null: the engine loop stops the daemon when it is set. */
    String failure() {
        return failure;
    }

    /** Fsyncs so far and the nanoseconds they took. */
    long[] counters() {
        return new long[] {syncs, syncNanos};
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stop && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch);
            int written = 0;
            for (Pending p : batch) {
                written += p.written() ? 1 : 0;
            }
            synchronized (this) {
                taken += written;
                notifyAll();
            }
            if (written > 0 && failure == null) {
                long t0 = System.nanoTime();
                try {
                    disk.sync(); // covers every batch in hand: each was handed over after its commit returned
                } catch (IOException | RuntimeException e) {
                    failure = "fsync of the event log failed: " + e.getMessage()
                            + "; what was not acknowledged may or may not be in the log";
                    LOG.error("{}", failure);
                }
                long took = System.nanoTime() - t0;
                syncs++;
                syncNanos += took;
                if (metrics != null) {
                    metrics.logFsync(took, written);
                }
            }
            for (Pending p : batch) {
                for (int k = 0; k < p.futures().size(); k++) {
                    p.futures().get(k).complete(failure == null ? p.replies().get(k) : Reply.error(Reject.STORAGE_UNAVAILABLE, null,
                            "the event log could not be synced to disk; retry with the same Idempotency-Key"));
                }
            }
            synced += written;
        }
    }

    /** Answers everything handed over (after its fsync), then stops the thread; call after the engine stopped. */
    @Override
    public void close() {
        stop = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
