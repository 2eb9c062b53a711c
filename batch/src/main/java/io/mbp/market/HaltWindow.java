package io.mbp.market;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The price-move metric's sliding minimum and maximum (ADR 0151): for each outcome, the buckets of a
 * book's {@link MarketState.Book#window} that are still a candidate for the window's lowest low or
 * highest high, oldest first. A bucket a later bucket equals or beats can never again be the extreme
 * of any window that holds both, so it is dropped; the first live candidate is the extreme, and the
 * metric at a decision costs O(outcomes) instead of O(outcomes x seconds in the window).
 *
 * <p>A cache, never state: it holds references to the window's own bucket arrays, is not in snapshots
 * or the state digest, and is rebuilt from the window when absent (a snapshot's book) or when a bucket
 * arrived out of time order (a writer with an earlier clock), where the scan of the whole window is the
 * answer. Either way {@link #range} answers exactly what that scan answers.
 */
final class HaltWindow {
    private final int n;
    /** Per outcome: buckets with strictly increasing lows (bucket[1 + i]) from first to last. */
    private final ArrayDeque<long[]>[] lows;
    /** Per outcome: buckets with strictly decreasing highs (bucket[1 + n + i]) from first to last. */
    private final ArrayDeque<long[]>[] highs;
    private long lastSecond = Long.MIN_VALUE;
    /** A bucket came with an earlier second than the one before it: the candidates are not sorted by time. */
    private boolean unordered;

    @SuppressWarnings("unchecked")
    private HaltWindow(int n) {
        this.n = n;
        lows = new ArrayDeque[n];
        highs = new ArrayDeque[n];
        for (int i = 0; i < n; i++) {
            lows[i] = new ArrayDeque<>();
            highs[i] = new ArrayDeque<>();
        }
    }

    /** The candidates of a window as it stands (a snapshot's, or one that was out of order). */
    static HaltWindow of(ArrayDeque<long[]> window, int outcomes) {
        HaltWindow w = new HaltWindow(outcomes);
        for (long[] bucket : window) {
            w.updated(bucket);
        }
        return w;
    }

    boolean unordered() {
        return unordered;
    }

    /** After {@code bucket} was appended to the window or its range widened (it is the window's last). */
    void updated(long[] bucket) {
        if (bucket[0] < lastSecond) {
            unordered = true;
        }
        lastSecond = bucket[0];
        for (int i = 0; i < n; i++) {
            ArrayDeque<long[]> lo = lows[i];
            while (!lo.isEmpty() && (lo.peekLast() == bucket || lo.peekLast()[1 + i] >= bucket[1 + i])) {
                lo.pollLast();
            }
            lo.addLast(bucket);
            ArrayDeque<long[]> hi = highs[i];
            while (!hi.isEmpty() && (hi.peekLast() == bucket || hi.peekLast()[1 + n + i] <= bucket[1 + n + i])) {
                hi.pollLast();
            }
            hi.addLast(bucket);
        }
    }

    /** After the window dropped its buckets of seconds up to {@code horizon} from its front. */
    void expired(long horizon) {
        for (int i = 0; i < n; i++) {
            while (!lows[i].isEmpty() && lows[i].peekFirst()[0] <= horizon) {
                lows[i].pollFirst();
            }
            while (!highs[i].isEmpty() && highs[i].peekFirst()[0] <= horizon) {
                highs[i].pollFirst();
            }
        }
    }

    /**
     * Outcome {@code i}'s lowest low and highest high over the buckets of seconds after {@code horizon}
     * (Long.MAX_VALUE and Long.MIN_VALUE when there is none). Reads only: buckets the horizon has passed
     * are skipped, not dropped (deciding never changes the state).
     */
    void range(int i, long horizon, long[] out) {
        out[0] = Long.MAX_VALUE;
        out[1] = Long.MIN_VALUE;
        for (Iterator<long[]> it = lows[i].iterator(); it.hasNext(); ) {
            long[] b = it.next();
            if (b[0] > horizon) {
                out[0] = b[1 + i];
                break;
            }
        }
        for (Iterator<long[]> it = highs[i].iterator(); it.hasNext(); ) {
            long[] b = it.next();
            if (b[0] > horizon) {
                out[1] = b[1 + n + i];
                break;
            }
        }
    }
}
