package io.mbp.payout;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** A failed or parked payout is retried as {@code attempt}; {@code by} is "backoff" or the operator's name. */
@EventType("PayoutRetried")
public record PayoutRetried(String instructionId, long attempt, String by) implements PayoutEvent {
    public PayoutRetried {
        requireText("instruction_id", instructionId);
        requirePositive("attempt", attempt);
        requireText("by", by);
    }
}
