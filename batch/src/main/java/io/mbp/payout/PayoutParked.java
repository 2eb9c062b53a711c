package io.mbp.payout;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** Retries are exhausted or the failure is permanent: an operator must look ({@code mbp payouts retry}). */
@EventType("PayoutParked")
public record PayoutParked(String instructionId, String reason) implements PayoutEvent {
    public PayoutParked {
        requireText("instruction_id", instructionId);
        requireText("reason", reason);
    }
}
