package io.mbp.payout;

/** What the PSP answered for one payment request or status query. */
public sealed interface RailResult {
    /** Paid: the PSP's end-to-end id and its fee in centavos. */
    record Confirmed(String e2eid, long fee) implements RailResult {
    }

    /** Accepted but not settled yet (late confirmation): ask again later with the same id. */
    record Pending() implements RailResult {
    }

    /** Not paid. {@code retryable} false means the same request will never succeed (bad key, refused). */
    record Failed(String reason, boolean retryable) implements RailResult {
    }
}
