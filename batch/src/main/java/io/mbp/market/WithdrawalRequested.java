package io.mbp.market;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.OptionalField;

/**
 * An account asked for cash out; the payout engine turns it into an instruction. The destination is
 * a {@link PixPayee}: {@code pix_key_ref}, {@code pix_key_type}, {@code subject} and, for a key
 * other than the registered one, {@code pix_key_enc}; events logged before issue 12 hold the clear
 * {@code pix_key} instead and stay readable (ADR 0703).
 */
@EventType("WithdrawalRequested")
public record WithdrawalRequested(String withdrawalId, String account, long amount, @OptionalField String pixKey,
                                  @OptionalField String pixKeyRef, @OptionalField String pixKeyType,
                                  @OptionalField String subject, @OptionalField String pixKeyEnc,
                                  @OptionalField String idempotencyKey, @OptionalField String requestHash)
        implements MarketEvent {
    public WithdrawalRequested {
        requireText("withdrawal_id", withdrawalId);
        requireText("account", account);
        requirePositive("amount", amount);
        new PixPayee(pixKey, pixKeyRef, pixKeyType, subject, pixKeyEnc);
    }

    public WithdrawalRequested(String withdrawalId, String account, long amount, PixPayee payee, String idempotencyKey,
                               String requestHash) {
        this(withdrawalId, account, amount, payee.pixKey(), payee.pixKeyRef(), payee.pixKeyType(), payee.subject(),
                payee.pixKeyEnc(), idempotencyKey, requestHash);
    }

    public WithdrawalRequested(String withdrawalId, String account, long amount, PixPayee payee) {
        this(withdrawalId, account, amount, payee, null, null);
    }

    /** An event of the old shape (clear key), as logs written before issue 12 hold it. */
    public static WithdrawalRequested legacy(String withdrawalId, String account, long amount, String clearKey) {
        return new WithdrawalRequested(withdrawalId, account, amount, PixPayee.legacy(clearKey));
    }

    public PixPayee payee() {
        return new PixPayee(pixKey, pixKeyRef, pixKeyType, subject, pixKeyEnc);
    }

    @Override
    public String streamId() {
        return account;
    }
}
