package io.mbp.payout.sim;

/**
 * What the PSP simulator injects, as per-mille rates drawn deterministically from {@code seed}
 * and the instruction id: the same flags and seed give the same failures on every run.
 */
public record SimConfig(String ispb, String account, long seed, int errorPermille, int timeoutPermille,
                        int rejectPermille, int latePermille, int lateBookingPermille, int duplicatePermille,
                        int returns, int batchCredits, long fee, long latencyMillis, long timeoutMillis,
                        long lateMillis) {
    public static final String DEFAULT_ACCOUNT = io.mbp.payout.PspAccount.DEFAULT;
    public static final String DEFAULT_ISPB = io.mbp.payout.PspAccount.DEFAULT_ISPB;

    public SimConfig {
        if (ispb == null || !ispb.matches("[0-9]{8}")) {
            throw new IllegalArgumentException("ISPB must be 8 digits, got " + ispb);
        }
        for (int r : new int[] {errorPermille, timeoutPermille, rejectPermille, latePermille, lateBookingPermille,
            duplicatePermille}) {
            if (r < 0 || r > 1000) {
                throw new IllegalArgumentException("rates are per mille, 0..1000, got " + r);
            }
        }
        if (errorPermille + timeoutPermille > 1000) {
            throw new IllegalArgumentException("error + timeout rates exceed 1000 per mille");
        }
    }

    public static SimConfig clean(long seed) {
        return new SimConfig(DEFAULT_ISPB, DEFAULT_ACCOUNT, seed, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
