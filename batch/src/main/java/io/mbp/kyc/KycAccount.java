package io.mbp.kyc;

/** One onboarded account as the log tells it: its submission (ciphertext and references) and its current state. */
public record KycAccount(KycSubmitted submitted, String submittedAt, KycStatus status, String reason, String by, String since) {
    public String account() {
        return submitted.account();
    }

    public String subject() {
        return submitted.subject();
    }
}
