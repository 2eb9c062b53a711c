package io.mbp.cli.daemon;

import io.mbp.market.FrozenSnapshot;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The daemon's market snapshots (ADR 0127). Every {@code every} events the engine thread freezes the
 * state between two commits (the parts that change in place are rendered, the append-only ones noted by
 * count, nothing copied per key); a thread of its own renders the document, which grows with every idempotency key ever
 * answered, and writes it through a connection of its own, part by part in short transactions between
 * which the engine commits. The engine never waits for the rendering nor for a whole document's write.
 * On a database a second connection cannot share (SQLite's or H2's in-memory ones) the engine thread
 * writes the rendered document between batches, in one transaction. A snapshot is derived data: one
 * that fails is logged and the next is taken {@code every} events on.
 */
final class SnapshotWriter {
    private static final Logger LOG = LogManager.getLogger(SnapshotWriter.class);

    /** Between two parts written apart: room for the engine's commits to take the writers' lock. */
    private static final java.time.Duration PAUSE = java.time.Duration.ofMillis(2);

    /** A rendered snapshot, written already ({@code text} null) or left for the engine thread to write. */
    private record Encoded(String text, long chars, long renderNanos, long writeNanos) {
    }

    private final MarketService svc;
    private final long every;
    private final ExecutorService encoder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "market-snapshot");
        t.setDaemon(true);
        return t;
    });
    /** GET /metrics; set by the daemon before the first snapshot. */
    DaemonMetrics metrics;
    private long lastFrozen;
    private long lastWritten;
    private FrozenSnapshot frozen;
    private long frozeNanos;
    private CompletableFuture<Encoded> encoding;
    /** The database snapshots are written apart to, or null: the engine thread writes them. */
    private String apartUrl;
    /** The snapshot thread's connection to it, opened by that thread at its first snapshot. */
    private Database own;

    /** @param lastWritten the log size the newest snapshot on disk covers (0: none) */
    SnapshotWriter(MarketService svc, long every, long lastWritten) {
        this.svc = svc;
        this.every = every;
        this.lastFrozen = lastWritten;
        this.lastWritten = lastWritten;
    }

    /** On the engine thread after a commit: freezes the state when a snapshot is due and none is on its way. */
    void afterCommit(long logSize) {
        if (encoding != null || logSize - lastFrozen < every) {
            return;
        }
        long t0 = System.nanoTime();
        FrozenSnapshot f = svc.freezeSnapshot();
        frozeNanos = System.nanoTime() - t0;
        frozen = f;
        lastFrozen = f.covers();
        String url = apartUrl;
        encoding = CompletableFuture.supplyAsync(() -> {
            long e0 = System.nanoTime();
            String text = f.encode();
            long rendered = System.nanoTime() - e0;
            if (url == null) {
                return new Encoded(text, text.length(), rendered, 0);
            }
            long w0 = System.nanoTime();
            if (own == null) {
                own = Database.open(url);
            }
            svc.saveSnapshotApart(own, f, text, PAUSE);
            return new Encoded(null, text.length(), rendered, System.nanoTime() - w0);
        }, encoder);
    }

    /**
     * Writes snapshots through a connection of their own to {@code url}, the daemon's database, unless it
     * names one a second connection would not share (then the engine thread writes them). Before the first.
     */
    void writeApart(String url) {
        apartUrl = Database.inMemory(url) ? null : url;
    }

    /** On the engine thread between batches: notes a snapshot written, or writes one rendered for it to write. */
    void writeIfEncoded() {
        if (encoding == null || !encoding.isDone()) {
            return;
        }
        FrozenSnapshot f = frozen;
        try {
            Encoded e = encoding.join();
            long writeNanos = e.writeNanos();
            if (e.text() != null) {
                long w0 = System.nanoTime();
                svc.saveSnapshot(f, e.text());
                writeNanos = System.nanoTime() - w0;
            }
            lastWritten = f.covers();
            if (metrics != null) {
                metrics.snapshot(frozeNanos, e.renderNanos(), writeNanos, e.text() == null);
            }
            LOG.info("snapshot covering {} events written: frozen in {} ms on the engine thread, rendered in {} ms off it "
                    + "({} MiB), written in {} ms {}", f.covers(), ms(frozeNanos), ms(e.renderNanos()), e.chars() >> 20,
                    ms(writeNanos), e.text() == null ? "off it, part by part" : "on it");
        } catch (RuntimeException x) {
            if (metrics != null) {
                metrics.snapshotFailed();
            }
            LOG.warn("snapshot covering {} events not written (the next is due {} events on): {}", f.covers(), every,
                    x.toString());
        } finally {
            encoding = null;
            frozen = null;
        }
    }

    /** The log size the newest snapshot written covers. */
    long lastWritten() {
        return lastWritten;
    }

    /** Drops a snapshot still being rendered or written (the daemon writes its own at a clean stop); again: nothing. */
    synchronized void stop() {
        encoder.shutdownNow();
        try {
            if (!encoder.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("the snapshot thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (own != null) {
            own.close();
            own = null;
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
