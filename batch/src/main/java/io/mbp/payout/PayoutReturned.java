package io.mbp.payout;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** A devolução: the receiver's bank sent {@code amount} back under its own id {@code returnId}. */
@EventType("PayoutReturned")
public record PayoutReturned(String instructionId, String returnId, long amount, String reason)
        implements PayoutEvent {
    public PayoutReturned {
        requireText("instruction_id", instructionId);
        requireText("return_id", returnId);
        requirePositive("amount", amount);
        requireText("reason", reason);
    }
}
