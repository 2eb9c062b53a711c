package io.mbp.payout;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;

/**
 * An instruction to pay {@code amount} centavos to {@code pixKey} for {@code account}, created from
 * an origin event ({@code origin} = "withdrawal", later "settlement"; {@code originRef} its id).
 */
@EventType("PayoutInstructed")
public record PayoutInstructed(String instructionId, String account, String pixKey, long amount, String origin,
                               String originRef) implements PayoutEvent {
    public PayoutInstructed {
        requireText("instruction_id", instructionId);
        // The id travels in a URL path and is the PSP idempotency key: keep it to a safe alphabet.
        if (!instructionId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new FieldException("instruction_id", "must be 1..64 of [A-Za-z0-9._-], got '" + instructionId + "'");
        }
        requireText("account", account);
        requireText("pix_key", pixKey);
        requirePositive("amount", amount);
        requireText("origin", origin);
        requireText("origin_ref", originRef);
    }
}
