package io.mbp.payout.sim;

/**
 * How the simulator's statements look beyond the payments (issue 20, ADR 0509). {@code opening}:
 * the booked balance (centavos) the first day opens with; each later day opens at the previous
 * day's closing. {@code batchDetails}: batched credits (SimConfig.batchCredits) as one entry with a
 * TxDtls per credit (N:1) instead of one summed line. {@code pending}: a payment booked the next
 * day (late booking) is announced on its own day as a pending (PDNG) entry. {@code reversals}: that
 * many payments a day are booked twice by mistake and the second booking reversed (RvslInd).
 */
public record StatementVariants(long opening, boolean batchDetails, boolean pending, int reversals) {
    /** R$ 100,000.00 opening, no variants. */
    public static final StatementVariants PLAIN = new StatementVariants(10_000_000, false, false, 0);

    public StatementVariants {
        if (reversals < 0) {
            throw new IllegalArgumentException("reversals must be 0 or more, got " + reversals);
        }
    }
}
