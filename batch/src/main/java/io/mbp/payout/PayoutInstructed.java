package io.mbp.payout;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.OptionalField;
import io.mbp.market.PixPayee;

/**
 * An instruction to pay {@code amount} centavos for {@code account}, created from an origin event
 * ({@code origin} = "withdrawal" or "settlement"; {@code originRef} its id). The destination is a
 * {@link PixPayee}: a key reference (and the ciphertext of a key other than the registered one),
 * or, in instructions logged before issue 12, the clear {@code pix_key} (ADR 0703).
 */
@EventType("PayoutInstructed")
public record PayoutInstructed(String instructionId, String account, @OptionalField String pixKey,
                               @OptionalField String pixKeyRef, @OptionalField String pixKeyType,
                               @OptionalField String subject, @OptionalField String pixKeyEnc, long amount, String origin,
                               String originRef) implements PayoutEvent {
    public PayoutInstructed {
        requireText("instruction_id", instructionId);
        // The id travels in a URL path and is the PSP idempotency key: keep it to a safe alphabet.
        if (!instructionId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new FieldException("instruction_id", "must be 1..64 of [A-Za-z0-9._-], got '" + instructionId + "'");
        }
        requireText("account", account);
        new PixPayee(pixKey, pixKeyRef, pixKeyType, subject, pixKeyEnc);
        requirePositive("amount", amount);
        requireText("origin", origin);
        requireText("origin_ref", originRef);
    }

    public PayoutInstructed(String instructionId, String account, PixPayee payee, long amount, String origin,
                            String originRef) {
        this(instructionId, account, payee.pixKey(), payee.pixKeyRef(), payee.pixKeyType(), payee.subject(),
                payee.pixKeyEnc(), amount, origin, originRef);
    }

    public PixPayee payee() {
        return new PixPayee(pixKey, pixKeyRef, pixKeyType, subject, pixKeyEnc);
    }
}
