package io.mbp.cli.daemon;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The order benchmarks' load: {@code clients} threads, each sending one request and waiting for its
 * answer before the next (a closed loop, like a client that needs the answer), first for a warm-up,
 * then for a measured window whose answers are timed.
 */
public final class ClosedLoop {
    private ClosedLoop() {
    }

    /** Client {@code client}'s {@code i}-th request, sent and answered: true when answered as expected. */
    @FunctionalInterface
    public interface Request {
        boolean send(int client, long i) throws Exception;
    }

    /** Called at one edge of the measured window, e.g. to read the server's counters. */
    @FunctionalInterface
    public interface Edge {
        void at() throws Exception;
    }

    /** The measured window: its good answers' latencies, the requests that failed in it, its length. */
    public record Window(HttpBench.Latencies latencies, long errors, double seconds) {
        public double perSecond() {
            return latencies.total() / seconds;
        }
    }

    /**
     * Runs the clients for {@code warmup} seconds, calls {@code start}, measures {@code seconds}, calls
     * {@code end}, stops the clients and waits for them. Each client keeps at most {@code capacity} latencies.
     */
    public static Window run(int clients, int capacity, double warmup, double seconds, Request request, Edge start, Edge end)
            throws Exception {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong errors = new AtomicLong();
        long[][] lat = new long[clients][capacity];
        int[] counts = new int[clients];
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads[c] = new Thread(() -> {
                for (long i = 0; !stop.get(); i++) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = request.send(client, i);
                    } catch (Exception e) {
                        ok = false;
                    }
                    long dt = System.nanoTime() - t0;
                    if (!ok) {
                        errors.incrementAndGet();
                    } else if (measuring.get() && counts[client] < capacity) {
                        lat[client][counts[client]++] = dt;
                    }
                }
            }, "bench-client-" + c);
            threads[c].start();
        }
        double took;
        long errs;
        try {
            Thread.sleep((long) (warmup * 1000)); // the JIT, connections
            start.at();
            long e0 = errors.get();
            measuring.set(true);
            long t0 = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            measuring.set(false);
            took = (System.nanoTime() - t0) / 1e9;
            errs = errors.get() - e0;
            end.at();
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(); // after this the clients' latencies are safe to read
            }
        }
        return new Window(HttpBench.Latencies.of(lat, counts), errs, took);
    }
}
