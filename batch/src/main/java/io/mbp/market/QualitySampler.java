package io.mbp.market;

import io.mbp.events.EventPayload;
import io.mbp.market.MarketState.Book;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Samples every open market's quality at each step of a window while the market state is replayed
 * (ADR 0317). Shown each event before it is applied, it takes the sample at instant t from the
 * state of every event stamped before t; after the last event the final state answers the rest of
 * the window. At each sample and open market with liquidity: the round-trip spread of a reference
 * buy then sell of the first outcome ({@link MarketQuality#spreadBps}), that buy's slippage
 * ({@link MarketQuality#slippageBps}) and the depth at 2% ({@link MarketQuality#depth}). A pool that
 * did not change since the market's previous sample reuses its figures. Pure: no clock, no I/O.
 */
public final class QualitySampler {
    /** Most sample instants one window may take: beyond it ask for a larger step. */
    public static final long MAX_INSTANTS = 1_000_000;
    /** Sentinel of a sample the pool could not quote: the worst value of its series. */
    private static final long UNQUOTED_HIGH = Long.MAX_VALUE;
    private static final long UNQUOTED_LOW = -1;

    /** The window and step ask for more than {@link #MAX_INSTANTS} samples. */
    public static final class TooManySamples extends IllegalArgumentException {
        TooManySamples(String message) {
            super(message);
        }
    }

    private final long stepSeconds;
    private final long refSize;
    private final Long to;
    private Long from;
    private Long next;
    private long instants;
    private final Map<String, Series> series = new TreeMap<>();

    /**
     * @param from first sample instant, or null for the first event's time floored to the step
     * @param to   end of the window (exclusive), or null for one step after the last event's
     */
    public QualitySampler(Instant from, Instant to, long stepSeconds, long refSize) {
        if (stepSeconds < 1 || refSize < 1) {
            throw new IllegalArgumentException("step " + stepSeconds + " s, reference size " + refSize);
        }
        this.stepSeconds = stepSeconds;
        this.refSize = refSize;
        this.from = from == null ? null : from.getEpochSecond();
        this.to = to == null ? null : to.getEpochSecond();
        this.next = this.from;
        if (from != null && to != null && instants(this.from, this.to) > MAX_INSTANTS) {
            throw new TooManySamples("the window holds " + instants(this.from, this.to) + " sample instants at a "
                    + stepSeconds + " s step (at most " + MAX_INSTANTS + "): use a larger step or a shorter window");
        }
    }

    private long instants(long f, long t) {
        return t <= f ? 0 : (t - f + stepSeconds - 1) / stepSeconds;
    }

    /** Called with each event before the state applies it. */
    public void before(MarketState s, EventPayload e, Instant ts) {
        long t = ts.getEpochSecond();
        if (next == null) {
            from = t - Math.floorMod(t, stepSeconds);
            next = from;
        }
        while ((to == null || next < to) && t >= next) {
            sample(s, next);
        }
        if (e instanceof OrderFilled o && t >= from && (to == null || t < to)) {
            Book b = s.book(o.market());
            long mid = b == null ? 0 : Fpmm.pricesBps(b.pool)[b.outcomeIndex(o.outcome())];
            if (mid > 0 && o.shares() > 0) {
                long exec = Fpmm.mulDiv(o.cost(), Fpmm.BPS, o.shares());
                series(o.market()).fills.add(Fpmm.mulDiv(Math.abs(exec - mid), Fpmm.BPS, mid));
            }
        }
    }

    /** Samples the rest of the window from the final state and computes the KPIs. */
    public QualityKpis.Report finish(MarketState s) {
        if (next != null) {
            if (to == null) {
                sample(s, next);
            } else {
                while (next < to) {
                    sample(s, next);
                }
            }
        }
        long f = from == null ? (to == null ? 0 : to) : from;
        long end = to != null ? to : next == null ? f : next;
        List<QualityKpis> rows = new ArrayList<>();
        Series all = new Series();
        for (Map.Entry<String, Series> e : series.entrySet()) {
            rows.add(e.getValue().kpis(e.getKey()));
            all.addAll(e.getValue());
        }
        return new QualityKpis.Report(Instant.ofEpochSecond(f).toString(), Instant.ofEpochSecond(end).toString(), stepSeconds,
                refSize, rows, all.kpis(null));
    }

    private void sample(MarketState s, long at) {
        if (++instants > MAX_INSTANTS) {
            throw new TooManySamples("more than " + MAX_INSTANTS + " sample instants at a " + stepSeconds
                    + " s step: use a larger step or a shorter window");
        }
        Instant now = Instant.ofEpochSecond(at);
        for (Book b : s.books().values()) {
            if (b.pool.length == 0 || b.pool[0] <= 0 || !"open".equals(b.status(now))) {
                continue;
            }
            Series x = series(b.spec.market());
            if (x.lastPool == null || !Arrays.equals(x.lastPool, b.pool) || x.lastFee != b.feeBps()) {
                x.lastFee = b.feeBps();
                x.lastPool = b.pool.clone();
                Long sp = MarketQuality.spreadBps(b.pool, b.feeBps(), refSize);
                Long sl = MarketQuality.slippageBps(b.pool, b.feeBps(), refSize);
                Long d = MarketQuality.depth(b.pool, b.feeBps());
                x.last = new long[] {sp == null ? UNQUOTED_HIGH : sp, sl == null ? UNQUOTED_HIGH : sl, d == null ? UNQUOTED_LOW : d};
                x.lastUnquoted = sp == null || sl == null || d == null;
            }
            x.spread.add(x.last[0]);
            x.slippage.add(x.last[1]);
            x.depth.add(x.last[2]);
            if (x.lastUnquoted) {
                x.unquoted++;
            }
        }
        next = at + stepSeconds;
    }

    private Series series(String market) {
        return series.computeIfAbsent(market, k -> new Series());
    }

    /** A growable array of longs: a day of one-minute samples per market without boxing. */
    static final class Longs {
        long[] a = new long[64];
        int n;

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        void addAll(Longs o) {
            for (int i = 0; i < o.n; i++) {
                add(o.a[i]);
            }
        }

        Long percentile(int p, long unquoted) {
            if (n == 0) {
                return null;
            }
            long v = Percentiles.of(a, n, p);
            return v == unquoted ? null : v;
        }
    }

    private static final class Series {
        final Longs spread = new Longs();
        final Longs slippage = new Longs();
        final Longs depth = new Longs();
        final Longs fills = new Longs();
        long unquoted;
        long[] lastPool;
        long lastFee;
        long[] last;
        boolean lastUnquoted;

        void addAll(Series o) {
            spread.addAll(o.spread);
            slippage.addAll(o.slippage);
            depth.addAll(o.depth);
            fills.addAll(o.fills);
            unquoted += o.unquoted;
        }

        QualityKpis kpis(String market) {
            // depth's worst is the lowest value, so its p50 is taken over the ascending order like the others
            return new QualityKpis(market, spread.n, unquoted, spread.percentile(95, UNQUOTED_HIGH),
                    slippage.percentile(95, UNQUOTED_HIGH), depth.percentile(50, UNQUOTED_LOW), fills.n,
                    fills.percentile(95, UNQUOTED_HIGH));
        }
    }
}
