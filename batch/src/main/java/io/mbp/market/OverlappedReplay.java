package io.mbp.market;

import io.mbp.events.EventPayload;
import io.mbp.events.ReplayScan;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jooq.DSLContext;

/**
 * A replay whose reading and decoding run on a second thread while the caller folds (ADR 0134): read +
 * decode was three quarters of a replay, on the same thread as {@code evolve}. The reader hands decoded
 * batches through a small bounded queue, so the caller applies them in exactly the log's order and memory
 * stays bounded. A failure of the reader (a payload the strict decoder refuses, an SQL error) is thrown
 * from {@link #run} as the very exception it was; the reader thread has ended whenever {@code run} returns
 * or throws, also when the caller's fold fails. The reader uses the caller's connection while the caller
 * waits on the queue: the two never use it at once.
 */
final class OverlappedReplay {
    static final int BATCH = 1_000;
    static final int DEPTH = 3;
    /** Thread name of the reader, so a test can see that none is left behind. */
    static final String READER = "mbp-replay-reader";

    /** Decodes one wanted row's payload (UTF-8 bytes) into its record. */
    @FunctionalInterface
    interface Decoder {
        EventPayload decode(String type, byte[] payloadUtf8);
    }

    /** Folds one row: {@code event} and {@code ts} are null for a row of a type not wanted. */
    @FunctionalInterface
    interface Fold {
        void apply(long seq, EventPayload event, Instant ts);
    }

    private static final class Batch {
        final long[] seqs = new long[BATCH];
        final EventPayload[] events = new EventPayload[BATCH];
        final Instant[] times = new Instant[BATCH];
        int n;
    }

    private record Failed(Throwable error) {
    }

    private static final Object END = new Object();

    /** Leaves the scan when the caller has stopped listening. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
    private volatile boolean stop;

    private OverlappedReplay() {
    }

    /** Folds every row from {@code from} on; returns the seq after the last row (or {@code from}). */
    static long run(DSLContext dsl, long from, Predicate<String> wanted, Decoder decoder, Fold fold) {
        return new OverlappedReplay().fold(dsl, from, wanted, decoder, fold);
    }

    private long fold(DSLContext dsl, long from, Predicate<String> wanted, Decoder decoder, Fold fold) {
        Thread reader = Thread.ofPlatform().name(READER).daemon(true).start(() -> read(dsl, from, wanted, decoder));
        long next = from;
        try {
            while (true) {
                Object item = take();
                if (item == END) {
                    return next;
                }
                if (item instanceof Failed f) {
                    throw rethrow(f.error());
                }
                Batch b = (Batch) item;
                for (int i = 0; i < b.n; i++) {
                    fold.apply(b.seqs[i], b.events[i], b.times[i]);
                }
                if (b.n > 0) {
                    next = b.seqs[b.n - 1] + 1;
                }
            }
        } finally {
            stop = true;
            queue.clear(); // frees a reader blocked on a full queue
            joinUninterruptibly(reader);
        }
    }

    private void read(DSLContext dsl, long from, Predicate<String> wanted, Decoder decoder) {
        try {
            ReplayClock times = new ReplayClock(); // parses each distinct second once (ADR 0119)
            Batch[] cur = {new Batch()};
            ReplayScan.scan(dsl, from, wanted, (seq, type, tsText, payload) -> {
                Batch b = cur[0];
                b.seqs[b.n] = seq;
                if (payload != null) {
                    b.events[b.n] = decoder.decode(type, payload);
                    b.times[b.n] = times.parse(tsText);
                }
                if (++b.n == BATCH) {
                    hand(b);
                    cur[0] = new Batch();
                }
            });
            hand(cur[0]);
            hand(END);
        } catch (Cancelled c) {
            // the caller stopped (its fold failed): nothing to report
        } catch (Throwable t) {
            try {
                hand(new Failed(t));
            } catch (Cancelled c) {
                // the caller has gone already
            }
        }
    }

    private void hand(Object item) {
        try {
            while (!queue.offer(item, 20, TimeUnit.MILLISECONDS)) {
                if (stop) {
                    throw new Cancelled();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        }
        if (stop) {
            throw new Cancelled();
        }
    }

    /** As a replay on one thread, which never reacted to interrupts: the flag is kept for the caller. */
    private Object take() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return queue.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t); // the scan declares no checked exception
    }
}
