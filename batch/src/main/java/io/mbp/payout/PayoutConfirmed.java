package io.mbp.payout;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** The PSP settled the payment under {@code e2eid}; {@code fee} centavos is its charge, booked as its own line. */
@EventType("PayoutConfirmed")
public record PayoutConfirmed(String instructionId, long attempt, String e2eid, long fee) implements PayoutEvent {
    public PayoutConfirmed {
        requireText("instruction_id", instructionId);
        requirePositive("attempt", attempt);
        requireText("e2eid", e2eid);
        requireNonNegative("fee", fee);
    }
}
