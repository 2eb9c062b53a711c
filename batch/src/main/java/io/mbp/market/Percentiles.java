package io.mbp.market;

import java.util.Arrays;

/**
 * Nearest-rank percentiles over integers (basis points, centavos): the p-th percentile of n values
 * is the value at rank ceil(p·n/100) of the sorted values (1-based, at least rank 1). It is always
 * one of the values, never an interpolation, so it needs no floating point and is the same on
 * every replay (ADR 0317).
 */
public final class Percentiles {
    private Percentiles() {
    }

    /** The 1-based nearest rank of percentile {@code p} (1..100) among {@code n} (≥ 1) values. */
    public static int rank(int p, int n) {
        if (p < 1 || p > 100 || n < 1) {
            throw new IllegalArgumentException("percentile " + p + " of " + n + " values");
        }
        long r = ((long) p * n + 99) / 100;
        return (int) Math.max(1, r);
    }

    /** The nearest-rank percentile {@code p} of the first {@code n} values of {@code values} (left unchanged). */
    public static long of(long[] values, int n, int p) {
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return sorted[rank(p, n) - 1];
    }
}
