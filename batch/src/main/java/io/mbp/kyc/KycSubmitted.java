package io.mbp.kyc;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.OptionalField;
import io.mbp.privacy.Envelope;

/**
 * A customer's identity as collected at onboarding. Every personal field is an mbp1 envelope
 * ({@code *_enc}) under the subject's data key; {@code cpf_ref} and {@code pix_key_ref} are keyed
 * references that match equal values without revealing them (ADR 0701). The account enters
 * {@code pending}. Onboarded through the daemon, it also keeps the request's Idempotency-Key and
 * {@code request_ref}, a keyed reference of the request body (never a plain hash: the body is
 * personal data), so a retry is answered from the log (ADR 0708).
 */
@EventType("KycSubmitted")
public record KycSubmitted(String account, String subject, String fullNameEnc, String cpfEnc, String birthDateEnc,
        String emailEnc, String phoneEnc, String pixKeyEnc, String pixKeyType, String cpfRef, String pixKeyRef,
        String termsVersion, @OptionalField String idempotencyKey, @OptionalField String requestRef) implements KycEvent {
    public KycSubmitted {
        requireText("account", account);
        requireText("subject", subject);
        envelope("full_name_enc", fullNameEnc);
        envelope("cpf_enc", cpfEnc);
        envelope("birth_date_enc", birthDateEnc);
        envelope("email_enc", emailEnc);
        envelope("phone_enc", phoneEnc);
        envelope("pix_key_enc", pixKeyEnc);
        if (PixKeyType.CPF.code().equals(pixKeyType) || PixKeyType.PHONE.code().equals(pixKeyType)
                || PixKeyType.EMAIL.code().equals(pixKeyType) || PixKeyType.EVP.code().equals(pixKeyType)) {
            // known
        } else {
            throw new FieldException("pix_key_type", "must be cpf, phone, email or evp");
        }
        requireText("cpf_ref", cpfRef);
        requireText("pix_key_ref", pixKeyRef);
        requireText("terms_version", termsVersion);
        if ((idempotencyKey == null) != (requestRef == null)) {
            throw new FieldException(idempotencyKey == null ? "idempotency_key" : "request_ref",
                    "idempotency_key and request_ref go together");
        }
    }

    /** A submission from a file (no Idempotency-Key). */
    public KycSubmitted(String account, String subject, String fullNameEnc, String cpfEnc, String birthDateEnc, String emailEnc,
            String phoneEnc, String pixKeyEnc, String pixKeyType, String cpfRef, String pixKeyRef, String termsVersion) {
        this(account, subject, fullNameEnc, cpfEnc, birthDateEnc, emailEnc, phoneEnc, pixKeyEnc, pixKeyType, cpfRef, pixKeyRef,
                termsVersion, null, null);
    }

    private static void envelope(String field, String value) {
        if (!Envelope.looksLike(value)) {
            throw new FieldException(field, "must be an mbp1 envelope (personal data is never logged in clear)");
        }
    }
}
