package io.mbp.market;

import java.time.Instant;

/**
 * Market-quality figures from a replay of the log (ADR 0317). {@link #sample} samples every open
 * market at each step of a window ({@link QualitySampler}) and reports per market and overall the
 * GA gate KPIs: spread p95, slippage p95 at a reference order size, depth at 2% p50. The figures of
 * one pool: the round-trip spread of a reference-size buy then sell of the first outcome, that
 * buy's slippage (its average price, fee included, against the marginal price before it) and the
 * centavos a buy of the first outcome takes to lift its price by 2%.
 */
public final class MarketQuality {
    /** The reference order size when none is given: CE$100. */
    public static final long DEFAULT_REF_SIZE = 10_000;
    /** The sampling step when none is given: one minute. */
    public static final long DEFAULT_STEP_SECONDS = 60;

    private MarketQuality() {
    }

    /**
     * Replays the whole log through the market engine and samples {@code [from, to)} every
     * {@code stepSeconds}; a null {@code from}/{@code to} is the first event's time / one step after
     * the last event's.
     */
    public static QualityKpis.Report sample(MarketService svc, Instant from, Instant to, long stepSeconds, long refSize) {
        QualitySampler sampler = new QualitySampler(from, to, stepSeconds, refSize);
        MarketState end = svc.replayObserved(sampler::before);
        return sampler.finish(end);
    }

    /**
     * The slippage of a {@code refSize} buy of the first outcome: its average price (fee included)
     * against the marginal price before it, in bps of that price; null when the pool refuses it.
     */
    public static Long slippageBps(long[] pool, long feeBps, long refSize) {
        long mid = Fpmm.pricesBps(pool)[0];
        if (mid <= 0) {
            return null;
        }
        try {
            Fpmm.BuyQuote q = Fpmm.buy(pool, 0, refSize, feeBps);
            long exec = Fpmm.mulDiv(refSize, Fpmm.BPS, q.shares());
            return Fpmm.mulDiv(Math.abs(exec - mid), Fpmm.BPS, mid);
        } catch (MarketRejected r) {
            return null;
        }
    }

    /** The round-trip spread of a {@code refSize} buy then sell of the first outcome, in bps; null when the pool refuses it. */
    public static Long spreadBps(long[] pool, long feeBps, long refSize) {
        try {
            Fpmm.BuyQuote q = Fpmm.buy(pool, 0, refSize, feeBps);
            Fpmm.SellQuote s = Fpmm.sell(q.after(), 0, q.shares(), feeBps);
            return Fpmm.mulDiv(refSize - s.returned(), Fpmm.BPS, refSize);
        } catch (MarketRejected r) {
            return null;
        }
    }

    /** Centavos a buy of the first outcome takes to lift its price by 2%; null when no buy can. */
    public static Long depth(long[] pool, long feeBps) {
        long mid = Fpmm.pricesBps(pool)[0];
        long target = mid + Fpmm.ceilDiv(mid * 2, 100);
        long lo = 1;
        long hi = Fpmm.MAX_AMOUNT;
        if (target >= Fpmm.BPS) {
            return null;
        }
        while (lo < hi) {
            long m = lo + (hi - lo) / 2;
            long p;
            try {
                p = Fpmm.pricesBps(Fpmm.buy(pool, 0, m, feeBps).after())[0];
            } catch (MarketRejected r) {
                p = Long.MAX_VALUE;
            }
            if (p >= target) {
                hi = m;
            } else {
                lo = m + 1;
            }
        }
        return lo;
    }
}
