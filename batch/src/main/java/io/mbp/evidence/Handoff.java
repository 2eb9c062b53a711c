package io.mbp.evidence;

import io.mbp.events.EventLog;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands the copy's rows to the reports on a second thread (ADR 0142): the copy (read, leaf hash,
 * insert into the bundle) and the reports (decode, replays) each kept one core busy in turn; with the
 * rows passed in blocks through a small bounded queue they overlap. The reports still see every row in
 * seq order on one thread, so their lines are the same; memory stays flat (at most {@link #BLOCKS} blocks
 * of {@link #ROWS} rows in flight).
 */
final class Handoff implements EventLog.RowSink, AutoCloseable {
    static final int ROWS = 512;
    /** More rows than SQLite copies while the reports drain them (ADR 0153: chunks of the copy overlap the reports). */
    static final int BLOCKS = 32;

    private record Block(long[] seq, String[] type, String[] stream, String[] ts, String[] payload, int size) {
        static Block empty() {
            return new Block(new long[ROWS], new String[ROWS], new String[ROWS], new String[ROWS], new String[ROWS], 0);
        }
    }

    private static final Block END = new Block(new long[0], new String[0], new String[0], new String[0], new String[0], 0);

    private final EventLog.RowSink sink;
    private final BlockingQueue<Block> queue = new ArrayBlockingQueue<>(BLOCKS);
    private final Thread worker;
    private volatile Throwable failure; // of the sink, on the worker: the rest is drained unread
    private long[] seq = new long[ROWS];
    private String[] type = new String[ROWS];
    private String[] stream = new String[ROWS];
    private String[] ts = new String[ROWS];
    private String[] payload = new String[ROWS];
    private int size;
    private boolean closed;

    Handoff(EventLog.RowSink sink) {
        this.sink = sink;
        this.worker = Thread.ofPlatform().name("evidence-reports").daemon().unstarted(this::drain);
        worker.start();
    }

    @Override
    public void accept(long s, String t, String st, String at, String p) {
        seq[size] = s;
        type[size] = t;
        stream[size] = st;
        ts[size] = at;
        payload[size] = p;
        if (++size == ROWS) {
            flush();
        }
    }

    private void flush() {
        if (size == 0) {
            return;
        }
        put(new Block(seq, type, stream, ts, payload, size));
        seq = new long[ROWS];
        type = new String[ROWS];
        stream = new String[ROWS];
        ts = new String[ROWS];
        payload = new String[ROWS];
        size = 0;
    }

    private void put(Block b) {
        try {
            queue.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted handing rows to the evidence reports", e);
        }
    }

    private void drain() {
        try {
            for (Block b = queue.take(); b != END; b = queue.take()) {
                if (failure != null) {
                    continue;
                }
                try {
                    for (int i = 0; i < b.size(); i++) {
                        sink.accept(b.seq()[i], b.type()[i], b.stream()[i], b.ts()[i], b.payload()[i]);
                    }
                } catch (Throwable t) {
                    failure = t;
                }
            }
        } catch (InterruptedException e) {
            failure = e;
        }
    }

    /**
     * Hands over the last rows and waits until the sink has seen them all (the reports' state is then
     * visible to this thread); rethrows what the sink threw. Also what ends the worker when the copy failed.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            put(END);
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the evidence reports", e);
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("the evidence reports failed", failure);
        }
    }
}
