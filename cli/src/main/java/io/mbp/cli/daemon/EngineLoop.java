package io.mbp.cli.daemon;

import io.mbp.cli.market.Views;
import io.mbp.events.EventLog;
import io.mbp.market.HaltChanged;
import io.mbp.market.Invariants;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketCreated;
import io.mbp.market.MarketEvent;
import io.mbp.market.MarketService;
import io.mbp.market.MarketService.Committed;
import io.mbp.market.MarketService.Outcome;
import io.mbp.market.MarketState;
import io.mbp.market.Reject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The daemon's one engine thread (docs/adr/0303), the only thread that touches the market state. It
 * drains the queue, decides a whole batch and appends its events in one transaction (group commit),
 * and only then answers every request of the batch. Reads are served between batches, so they see
 * exactly the committed state. Between batches it also follows the log (other writers' events),
 * re-evaluates halts every second, checks the invariants and writes snapshots.
 */
final class EngineLoop {
    private static final Logger LOG = LogManager.getLogger(EngineLoop.class);
    /** No answer from the engine in this long: 503, retry with the same Idempotency-Key. */
    static final long ANSWER_SECONDS = 30;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * A read, or writes answered together ({@code combine}: their replies into the one answer; a single write is a
     * list of one).
     */
    private record Work(List<MarketCommand> commands, Function<List<Reply>, Reply> combine,
                        Function<MarketState, Reply> read, CompletableFuture<Reply> reply) {
        int size() {
            return commands == null ? 1 : commands.size();
        }
    }

    private static final Function<List<Reply>, Reply> ONLY = l -> l.get(0);

    private final MarketService svc;
    private final EventLog log;
    private final int maxBatch;
    private final Consumer<String> onFatal;
    private final BlockingQueue<Work> queue = new ArrayBlockingQueue<>(100_000);
    private final Thread thread;
    private final SnapshotWriter snapshots;
    private long lastHeadCheck;
    private volatile long commits;
    private volatile long commands;
    private volatile long commitNanos;
    private volatile boolean stop;
    private volatile String fatal;
    /** Named in GET /v2/health so an operator sees which daemon answered. */
    volatile Ownership owner = Ownership.of(io.mbp.market.Shard.ALL);
    /** GET /metrics (docs/slo.md); set by the daemon before {@link #start()}. */
    DaemonMetrics metrics;
    java.time.Clock clock = java.time.Clock.systemUTC();
    /** Answers after the log's fsync, off this thread (docs/adr/0124); null: the commit synced, answer here. */
    DurableAcks acks;
    private volatile long logSize;
    private final AnswerDeadlines deadlines = new AnswerDeadlines(TimeUnit.SECONDS.toNanos(ANSWER_SECONDS));
    private final java.util.concurrent.ScheduledExecutorService sweeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "engine-deadlines");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param lastSnapshot the log size the state was loaded from a snapshot at (0: none)
     * @param onFatal called once, on this thread, when an invariant breaks; the loop has stopped then
     */
    EngineLoop(MarketService svc, EventLog log, int maxBatch, long snapshotEvery, long lastSnapshot, Consumer<String> onFatal) {
        this.svc = svc;
        this.log = log;
        this.maxBatch = maxBatch;
        this.snapshots = new SnapshotWriter(svc, snapshotEvery, lastSnapshot);
        this.onFatal = onFatal;
        this.thread = new Thread(this::run, "market-engine");
    }

    void start() {
        logSize = svc.logSize();
        if (metrics != null) {
            metrics.bind(queue::size, () -> logSize);
        }
        snapshots.metrics = metrics;
        thread.start();
        sweeper.scheduleWithFixedDelay(() -> deadlines.expire(System.nanoTime()), 250, 250, TimeUnit.MILLISECONDS);
    }

    /** Lets the queue drain, then stops the thread (waits up to 30 s). */
    void stop() throws InterruptedException {
        stop = true;
        thread.join(30_000);
        sweeper.shutdownNow();
        snapshots.stop(); // when the loop ended itself (an invariant, a failed fsync)
    }

    /** Group commits so far, the API commands they carried, and the nanoseconds spent committing. */
    long[] counters() {
        return new long[] {commits, commands, commitNanos};
    }

    /** Why the loop stopped itself (an invariant), or null. */
    String fatal() {
        return fatal;
    }

    /** Snapshots written off this thread through a connection of their own to {@code url} (ADR 0127; before {@link #start()}). */
    void writeSnapshotsApart(String url) {
        snapshots.writeApart(url);
    }

    /** A read served by the engine thread between batches. */
    CompletableFuture<Reply> read(Function<MarketState, Reply> f) {
        return submit(new Work(null, null, f, new CompletableFuture<>()));
    }

    /** A write: decided and committed with its batch, answered after the commit. */
    CompletableFuture<Reply> write(MarketCommand c) {
        return submit(new Work(List.of(c), ONLY, null, new CompletableFuture<>()));
    }

    /**
     * Writes decided one by one in the same batch, in order (POST /v2/orders/batch, docs/adr/0155), all
     * queued or none; answered with {@code combine} of their replies after the commit.
     */
    CompletableFuture<Reply> writeAll(List<MarketCommand> cs, Function<List<Reply>, Reply> combine) {
        return submit(new Work(List.copyOf(cs), combine, null, new CompletableFuture<>()));
    }

    /** GET /v2/health, from the engine thread. */
    Reply health(MarketState s) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("status", "ok");
        m.put("shard", owner.shard().toString());
        if (owner.side() != null) {
            m.put("cohort", owner.side().label());
            m.put("canary_release", owner.canaryRelease());
        }
        m.put("log_size", svc.logSize());
        m.put("markets", s.books().size());
        m.put("group_commits", commits);
        m.put("commands_committed", commands);
        return new Reply(200, m);
    }

    private CompletableFuture<Reply> submit(Work w) {
        if (!queue.offer(w)) {
            throw new ApiError(Reject.RATE_LIMITED, null, "the engine queue is full; retry shortly");
        }
        return deadlines.watch(w.reply(), System.nanoTime());
    }

    private void run() {
        List<Work> batch = new ArrayList<>();
        long lastCheck = System.nanoTime();
        long lastTick = System.nanoTime();
        while (true) {
            batch.clear();
            try {
                if (acks != null) {
                    acks.awaitFsyncStarted(); // meanwhile the queue fills: a bigger batch
                }
                deadlines.dropAnswered(); // the answers sent since the last batch can then be collected young
                Work first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    // --max-batch counts commands: a request of a batch of orders counts each
                    int taken = first.size();
                    for (Work w; taken < maxBatch && (w = queue.peek()) != null && taken + w.size() <= maxBatch; taken += w.size()) {
                        batch.add(queue.poll());
                    }
                }
            } catch (InterruptedException e) {
                break;
            }
            if (batch.isEmpty() && stop) {
                break;
            }
            if (acks != null && acks.failure() != null) {
                // the log's tail is unknown: nothing more is decided; the next start replays what is on disk
                batch.addAll(queue);
                for (Work w : batch) {
                    w.reply().complete(Reply.error(Reject.STORAGE_UNAVAILABLE, null, "the event log could not be synced to disk; "
                            + "retry with the same Idempotency-Key once the daemon is back"));
                }
                fatal = acks.failure();
                onFatal.accept(fatal);
                return;
            }
            try {
                List<Work> writes = new ArrayList<>(batch.size());
                for (Work w : batch) {
                    if (w.read() != null) {
                        Reply r = w.read().apply(svc.state());
                        if (acks == null) {
                            w.reply().complete(r);
                        } else {
                            acks.answer(w.reply(), r);
                        }
                    } else {
                        writes.add(w);
                    }
                }
                List<MarketCommand> cmds = new ArrayList<>(writes.size() + 4);
                for (Work w : writes) {
                    cmds.addAll(w.commands());
                }
                int written = cmds.size();
                if (System.nanoTime() - lastTick > 1_000_000_000L) {
                    cmds.addAll(0, svc.dueTicks());
                    lastTick = System.nanoTime();
                }
                if (System.nanoTime() - lastCheck > 1_000_000_000L) {
                    lastCheck = System.nanoTime();
                    if (violated()) {
                        return;
                    }
                    if (metrics != null) {
                        metrics.watch(MarketWatch.of(svc.state(), clock.instant()));
                    }
                }
                snapshots.writeIfEncoded();
                if (cmds.isEmpty() && !logMoved()) {
                    continue;
                }
                long c0 = System.nanoTime();
                long cpu0 = CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : -1;
                // durable when it returns (Database syncs every appending transaction, ADR 0004), or written and
                // synced by acks before any answer (SQLite, ADR 0124)
                Committed c = svc.commit(cmds, true);
                long took = System.nanoTime() - c0;
                commitNanos += took;
                commits++;
                commands += written;
                logSize = svc.logSize();
                long cpu = cpu0 < 0 ? -1 : CPU.getCurrentThreadCpuTime() - cpu0;
                long a0 = System.nanoTime();
                answer(c, writes, written);
                if (metrics != null) {
                    metrics.groupCommit(written, took, cpu);
                    metrics.commitStages(svc.lastStages(), System.nanoTime() - a0);
                }
                snapshots.afterCommit(svc.logSize());
            } catch (RuntimeException e) {
                LOG.error("batch of {} failed; nothing of it was acknowledged: {}", batch.size(), e.toString());
                for (Work w : batch) {
                    w.reply().complete(Reply.error(Reject.STORAGE_UNAVAILABLE, null, "the event log could not be written: "
                            + e.getMessage() + "; retry with the same Idempotency-Key"));
                }
                sleepQuietly(200);
            }
        }
        for (Work w : queue) {
            w.reply().complete(Reply.error(Reject.SHUTTING_DOWN, null, "the daemon stopped"));
        }
        snapshots.stop();
        if (fatal == null && !violated() && svc.logSize() > snapshots.lastWritten()) {
            try {
                svc.snapshot(); // the next start replays only what comes after
            } catch (RuntimeException e) {
                LOG.warn("no snapshot at shutdown: {}", e.toString());
            }
        }
    }

    /** Checks the invariants on the committed state; on a violation stops the daemon with the report. */
    private boolean violated() {
        List<Invariants.Violation> v = Invariants.check(svc.state());
        if (metrics != null) {
            metrics.invariantCheck(v.isEmpty());
        }
        if (v.isEmpty()) {
            return false;
        }
        fatal = "invariant " + v.get(0) + " (log size " + svc.logSize() + ")";
        onFatal.accept(fatal);
        return true;
    }

    /** Cheap poll of the log head, at most every 200 ms: did another writer (oracle jobs, CLI) append? */
    private boolean logMoved() {
        long now = System.nanoTime();
        if (now - lastHeadCheck < 200_000_000L) {
            return false;
        }
        lastHeadCheck = now;
        return log.size() > svc.logSize();
    }

    private void answer(Committed c, List<Work> writes, int written) {
        // outcomes = reactions (ticks, settlements) first, then one per written command, in order
        int offset = c.outcomes().size() - written;
        for (int k = 0; k < offset; k++) {
            Outcome o = c.outcomes().get(k);
            if (!o.ok() && o.rejected().code() != Reject.NOT_HALTED) {
                LOG.warn("{} refused: {}", o.command(), o.rejected().getMessage());
            } else if (!o.events().isEmpty()) {
                LOG.info("{} -> {} events", o.command(), o.events().size());
            }
        }
        List<CompletableFuture<Reply>> futures = new ArrayList<>(writes.size());
        List<Reply> replies = new ArrayList<>(writes.size());
        int next = offset;
        for (Work w : writes) {
            List<Reply> each = new ArrayList<>(w.size());
            for (int i = 0; i < w.size(); i++) {
                each.add(reply(c.outcomes().get(next++)));
            }
            replies.add(w.combine().apply(each));
            futures.add(w.reply());
        }
        if (acks != null) {
            acks.afterCommit(futures, replies);
            return;
        }
        for (int i = 0; i < futures.size(); i++) {
            futures.get(i).complete(replies.get(i));
        }
    }

    private static Reply reply(Outcome o) {
        if (o.replayed() != null) {
            return new Reply(201, Views.answer(o.replayed()), Map.of("Idempotent-Replayed", "true"));
        }
        if (!o.ok()) {
            return Reply.error(o.rejected().code(), o.rejected().field(), o.rejected().getMessage());
        }
        return new Reply(201, Views.answer(primary(o)));
    }

    /** The event a write is answered with: the first that is not a halt or the market's creation. */
    private static MarketEvent primary(Outcome o) {
        for (MarketEvent e : o.events()) {
            if (!(e instanceof HaltChanged) && !(e instanceof MarketCreated)) {
                return e;
            }
        }
        return o.events().get(0);
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
