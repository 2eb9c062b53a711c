package io.mbp.market;

import io.mbp.events.FieldException;
import java.util.Set;

/**
 * Where a withdrawal or payout goes, as an event holds it (ADR 0703). New events carry a keyed
 * reference to the PIX key ({@code pix_key_ref}), its type, the data subject and, when the key is
 * not the account's registered one, its ciphertext ({@code pix_key_enc}); the clear key is read
 * from the vault only to pay, and that read is audited. Events logged before issue 12 hold the
 * clear {@code pix_key} instead: they stay readable and payable (the log is append-only), and no
 * new event is written in that shape.
 */
public record PixPayee(String pixKey, String pixKeyRef, String pixKeyType, String subject, String pixKeyEnc) {
    /** The PIX key types of the Bacen DICT (the kyc package recognises them by shape). */
    public static final Set<String> TYPES = Set.of("cpf", "phone", "email", "evp");

    public PixPayee {
        if ((pixKey == null) == (pixKeyRef == null)) {
            throw new FieldException(pixKey == null ? "pix_key_ref" : "pix_key",
                    "exactly one of pix_key (events logged before issue 12) and pix_key_ref must be given");
        }
        if (pixKey != null) {
            FieldException.requireText("pix_key", pixKey);
            if (pixKeyType != null || subject != null || pixKeyEnc != null) {
                throw new FieldException("pix_key", "an old-shape event holds no pix_key_type, subject or pix_key_enc");
            }
        } else {
            if (!pixKeyRef.matches("pix_key-[0-9a-f]{32}")) {
                throw new FieldException("pix_key_ref", "must be a vault reference pix_key-<32 hex digits>");
            }
            if (pixKeyType == null || !TYPES.contains(pixKeyType)) {
                throw new FieldException("pix_key_type", "must be cpf, phone, email or evp");
            }
            FieldException.requireText("subject", subject);
            if (pixKeyEnc != null && !pixKeyEnc.startsWith("mbp1:")) {
                throw new FieldException("pix_key_enc", "must be an mbp1 envelope (a PIX key is never logged in clear)");
            }
        }
    }

    /** The shape of events logged before issue 12: the key in clear. Only for reading old logs and their fixtures. */
    public static PixPayee legacy(String clearKey) {
        return new PixPayee(clearKey, null, null, null, null);
    }

    /** The account's registered key (read from its KYC record when paying). */
    public static PixPayee registered(String ref, String type, String subject) {
        return new PixPayee(null, ref, type, subject, null);
    }

    /** A key other than the registered one, kept as ciphertext under the subject's data key. */
    public static PixPayee encrypted(String ref, String type, String subject, String enc) {
        return new PixPayee(null, ref, type, subject, enc);
    }

    /** True for an event of the old shape, which holds the key in clear. */
    public boolean isLegacy() {
        return pixKey != null;
    }

    @Override
    public String toString() {
        // a stray log line must not print a clear key
        return isLegacy() ? "PixPayee[clear key withheld]" : "PixPayee[" + pixKeyRef + ", " + pixKeyType + ", " + subject + "]";
    }
}
