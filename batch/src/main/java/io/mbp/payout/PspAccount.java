package io.mbp.payout;

/**
 * Our account at the PSP, as statements name it. The default is the sample day's account (the one
 * the demo, the simulator and `--psp-account` default to); a deployment passes its own.
 */
public final class PspAccount {
    /** Our account at the sample PSP (ISPB {@link #DEFAULT_ISPB}). */
    public static final String DEFAULT = "60701190-0001-000123456";
    /** The sample PSP's ISPB, the first 8 characters of the E2EIDs it issues. */
    public static final String DEFAULT_ISPB = "60701190";

    private PspAccount() {
    }
}
