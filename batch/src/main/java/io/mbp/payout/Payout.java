package io.mbp.payout;

import java.time.Instant;

/**
 * The folded state of one instruction. {@code firstFailureAt}/{@code confirmedAt} feed MTTR;
 * {@code attempt} is the last attempt number used with the PSP.
 */
public record Payout(PayoutInstructed instruction, PayoutStatus status, long attempt, String e2eid, long fee,
                     String lastReason, Instant instructedAt, Instant firstFailureAt, Instant confirmedAt,
                     String returnId, long returnedAmount) {

    public String id() {
        return instruction.instructionId();
    }

    public long amount() {
        return instruction.amount();
    }

    static Payout instructed(PayoutInstructed i, Instant at) {
        return new Payout(i, PayoutStatus.PENDING, 0, null, 0, null, at, null, null, null, 0);
    }

    Payout with(PayoutStatus s, long att, String reason) {
        return new Payout(instruction, s, att, e2eid, fee, reason, instructedAt, firstFailureAt, confirmedAt, returnId,
                returnedAmount);
    }
}
