package io.mbp.payout;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** Attempt {@code attempt} failed; {@code retryable} says whether sending the same id again may succeed. */
@EventType("PayoutFailed")
public record PayoutFailed(String instructionId, long attempt, String reason, boolean retryable)
        implements PayoutEvent {
    public PayoutFailed {
        requireText("instruction_id", instructionId);
        requirePositive("attempt", attempt);
        requireText("reason", reason);
    }
}
