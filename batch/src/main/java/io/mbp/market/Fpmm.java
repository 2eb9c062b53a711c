package io.mbp.market;

import java.math.BigInteger;

/**
 * Fixed-product market maker arithmetic after Gnosis' FixedProductMarketMaker, in integers:
 * balances and amounts are {@code long} share units / centavos, products are {@link BigInteger}.
 * Every rounding goes in the pool's favour (ceil what the pool receives or keeps, floor what it
 * pays), so the product of balances never decreases on a trade. A trade whose result would be
 * zero (dust) or leave a balance under {@link #MIN_POOL_BALANCE} is refused, never clamped.
 */
public final class Fpmm {
    /** Smallest balance an outcome may keep in a live pool: below it prices degenerate. */
    public static final long MIN_POOL_BALANCE = 100;
    /** Largest amount one command may move: keeps every sum far inside 2^53 (RFC 8785, I7). */
    public static final long MAX_AMOUNT = 1_000_000_000_000L;
    public static final long BPS = 10_000;

    private Fpmm() {
    }

    public record BuyQuote(long fee, long invested, long shares, long[] after) {
    }

    public record SellQuote(long returned, long fee, long burned, long[] after) {
    }

    public record AddQuote(long[] kept, long lpShares, long feeWeight) {
    }

    public static long ceilDiv(long a, long b) {
        return Math.floorDiv(a, b) + (Math.floorMod(a, b) == 0 ? 0 : 1);
    }

    static BigInteger ceilDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** {@code a * b} for non-negative factors, or -1 when the product does not fit a long (then BigInteger). */
    static long timesOrMinusOne(long a, long b) {
        if (a < 0 || b < 0) {
            return -1;
        }
        long lo = a * b;
        return Math.multiplyHigh(a, b) == 0 && lo >= 0 ? lo : -1;
    }

    public static long fee(long amount, long feeBps) {
        return ceilDiv(Math.multiplyExact(amount, feeBps), BPS);
    }

    /** Spending {@code amount} centavos (fee included) on outcome {@code i}. */
    public static BuyQuote buy(long[] bal, int i, long amount, long feeBps) {
        requireLive(bal);
        long fee = fee(amount, feeBps);
        long inv = amount - fee;
        if (inv <= 0) {
            throw new MarketRejected(Reject.DUST_ORDER, "amount", "buying with " + amount
                    + " centavos leaves nothing after the " + fee + " centavo fee");
        }
        long newBi = -1;
        // exact long arithmetic while the products fit (binary markets of ordinary size), BigInteger beyond;
        // the overflow is tested, not caught: pools of 10^11 centavos overflowed on every order, and an
        // exception per order was the daemon engine thread's hottest cost (docs/benchmarks.md, session 6)
        long num0 = bal[i];
        long den0 = 1;
        for (int j = 0; j < bal.length && num0 >= 0 && den0 >= 0; j++) {
            if (j != i) {
                num0 = timesOrMinusOne(num0, bal[j]);
                den0 = timesOrMinusOne(den0, Math.addExact(bal[j], inv));
            }
        }
        if (num0 >= 0 && den0 > 0) {
            newBi = ceilDiv(num0, den0);
        } else {
            BigInteger num = BigInteger.valueOf(bal[i]);
            BigInteger den = BigInteger.ONE;
            for (int j = 0; j < bal.length; j++) {
                if (j != i) {
                    num = num.multiply(BigInteger.valueOf(bal[j]));
                    den = den.multiply(BigInteger.valueOf(Math.addExact(bal[j], inv)));
                }
            }
            newBi = ceilDiv(num, den).longValueExact();
        }
        long shares = Math.addExact(bal[i], inv) - newBi;
        if (shares <= 0) {
            throw new MarketRejected(Reject.DUST_ORDER, "amount", "buying with " + amount + " centavos gives no whole share");
        }
        long[] after = bal.clone();
        for (int j = 0; j < bal.length; j++) {
            after[j] = j == i ? newBi : Math.addExact(bal[j], inv);
        }
        if (newBi < MIN_POOL_BALANCE) {
            throw new MarketRejected(Reject.POOL_DEGENERATE, "amount", "the buy would leave " + newBi
                    + " units of the outcome in the pool (minimum " + MIN_POOL_BALANCE + ")");
        }
        return new BuyQuote(fee, inv, shares, after);
    }

    /**
     * Shares of outcome i the pool must receive to pay out {@code returned} centavos: Gnosis'
     * calcSellAmount. Returns -1 when the pool cannot pay that much at all.
     */
    static long sharesNeeded(long[] bal, int i, long returned, long feeBps) {
        long rpf = ceilDiv(Math.multiplyExact(returned, BPS), BPS - feeBps);
        long num0 = bal[i];
        long den0 = 1;
        for (int j = 0; j < bal.length; j++) {
            if (j != i) {
                if (bal[j] - rpf < MIN_POOL_BALANCE) {
                    return -1;
                }
                num0 = num0 < 0 ? -1 : timesOrMinusOne(num0, bal[j]);
                den0 = den0 < 0 ? -1 : timesOrMinusOne(den0, bal[j] - rpf);
            }
        }
        if (num0 >= 0 && den0 > 0) {
            return rpf + ceilDiv(num0, den0) - bal[i];
        }
        // a product does not fit a long: BigInteger
        BigInteger num = BigInteger.valueOf(bal[i]);
        BigInteger den = BigInteger.ONE;
        for (int j = 0; j < bal.length; j++) {
            if (j != i) {
                if (bal[j] - rpf < MIN_POOL_BALANCE) {
                    return -1;
                }
                num = num.multiply(BigInteger.valueOf(bal[j]));
                den = den.multiply(BigInteger.valueOf(bal[j] - rpf));
            }
        }
        return rpf + ceilDiv(num, den).longValueExact() - bal[i];
    }

    /**
     * Selling {@code shares} of outcome i for the largest whole-centavo return they pay for. The
     * return is found by bisection over Gnosis' exact buy-back formula; shares the chosen return
     * does not need stay in the pool (the pool's favour).
     */
    public static SellQuote sell(long[] bal, int i, long shares, long feeBps) {
        requireLive(bal);
        long lo = 0;
        long hi = shares; // a share never pays more than one centavo
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            long need = sharesNeeded(bal, i, mid, feeBps);
            if (need >= 0 && need <= shares) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo == 0) {
            long one = sharesNeeded(bal, i, 1, feeBps);
            throw one < 0
                    ? new MarketRejected(Reject.POOL_DEGENERATE, "amount", "the pool cannot buy these shares back without "
                            + "falling under its minimum balance")
                    : new MarketRejected(Reject.DUST_ORDER, "amount", "selling " + shares
                            + " shares returns less than one centavo after fees (at least " + one + " needed)");
        }
        long rpf = ceilDiv(Math.multiplyExact(lo, BPS), BPS - feeBps);
        long[] after = bal.clone();
        for (int j = 0; j < bal.length; j++) {
            after[j] = j == i ? Math.addExact(bal[j], shares) - rpf : bal[j] - rpf;
        }
        return new SellQuote(lo, rpf - lo, rpf, after);
    }

    /** Gnosis addFunding: equal balances first, then pro rata with the excess returned to the LP. */
    public static AddQuote add(long[] bal, long supply, long feePoolWeight, long amount) {
        long[] kept = new long[bal.length];
        if (supply == 0) {
            java.util.Arrays.fill(kept, amount);
            if (amount < MIN_POOL_BALANCE) {
                throw new MarketRejected(Reject.POOL_DEGENERATE, "amount", "initial liquidity must be at least "
                        + MIN_POOL_BALANCE + " centavos");
            }
            return new AddQuote(kept, amount, amount);
        }
        long weight = 0;
        for (long b : bal) {
            weight = Math.max(weight, b);
        }
        BigInteger a = BigInteger.valueOf(amount);
        BigInteger w = BigInteger.valueOf(weight);
        for (int j = 0; j < bal.length; j++) {
            kept[j] = ceilDiv(a.multiply(BigInteger.valueOf(bal[j])), w).longValueExact();
        }
        long minted = a.multiply(BigInteger.valueOf(supply)).divide(w).longValueExact();
        if (minted <= 0) {
            throw new MarketRejected(Reject.DUST_ORDER, "amount", "adding " + amount + " centavos mints no pool share");
        }
        long feeWeight = ceilDiv(BigInteger.valueOf(feePoolWeight).multiply(BigInteger.valueOf(minted)),
                BigInteger.valueOf(supply)).longValueExact();
        return new AddQuote(kept, minted, feeWeight);
    }

    /** floor(x * y / z) without overflow. */
    public static long mulDiv(long x, long y, long z) {
        return BigInteger.valueOf(x).multiply(BigInteger.valueOf(y)).divide(BigInteger.valueOf(z)).longValueExact();
    }

    /** Marginal price of each outcome in basis points (floored): (1/b_i) / sum_k (1/b_k). */
    public static long[] pricesBps(long[] bal) {
        int n = bal.length;
        if (n == 2 && bal[0] >= 0 && bal[1] >= 0 && bal[0] < (1L << 40) && bal[1] < (1L << 40)) {
            long sum = bal[0] + bal[1];
            return sum == 0 ? new long[2] : new long[] {bal[1] * BPS / sum, bal[0] * BPS / sum};
        }
        BigInteger[] p = new BigInteger[n];
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            BigInteger prod = BigInteger.ONE;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    prod = prod.multiply(BigInteger.valueOf(bal[j]));
                }
            }
            p[i] = prod;
            sum = sum.add(prod);
        }
        long[] out = new long[n];
        if (sum.signum() == 0) {
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = p[i].multiply(BigInteger.valueOf(BPS)).divide(sum).longValueExact();
        }
        return out;
    }

    public static BigInteger product(long[] bal) {
        BigInteger p = BigInteger.ONE;
        for (long b : bal) {
            p = p.multiply(BigInteger.valueOf(b));
        }
        return p;
    }

    private static void requireLive(long[] bal) {
        for (long b : bal) {
            if (b <= 0) {
                throw new MarketRejected(Reject.POOL_EMPTY, "the pool has no liquidity");
            }
        }
    }
}
