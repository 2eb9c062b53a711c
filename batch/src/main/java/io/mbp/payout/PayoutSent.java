package io.mbp.payout;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** Attempt {@code attempt} is about to go to the PSP; logged before the call, so a crash re-sends the same id. */
@EventType("PayoutSent")
public record PayoutSent(String instructionId, long attempt) implements PayoutEvent {
    public PayoutSent {
        requireText("instruction_id", instructionId);
        requirePositive("attempt", attempt);
    }
}
