package io.mbp.kyc;

/**
 * The identity-verification vendor, as the KYC service sees it. The request carries the minimum
 * the vendor needs (name, CPF, birth date) under the subject id, never the account id, so the
 * vendor cannot join its records with ours. Retrying the same subject is safe (idempotent).
 */
public interface KycProvider {
    /** What we send. {@link #toString()} withholds the personal fields. */
    record Request(String subject, String fullName, String cpf, String birthDate, boolean liveness) {
        @Override
        public String toString() {
            return "KycProvider.Request[subject=" + subject + ", personal fields withheld]";
        }
    }

    /** The vendor's answer: approved, rejected or review, its own reference, and a reason code. */
    record Verdict(String outcome, String reference, String reason) {
        public static final String APPROVED = "approved";
        public static final String REJECTED = "rejected";
        public static final String REVIEW = "review";

        public Verdict {
            if (!APPROVED.equals(outcome) && !REJECTED.equals(outcome) && !REVIEW.equals(outcome)) {
                throw new IllegalArgumentException("unknown verdict outcome " + outcome);
            }
        }

        public KycStatus status() {
            return switch (outcome) {
                case APPROVED -> KycStatus.VERIFIED;
                case REJECTED -> KycStatus.REJECTED;
                default -> KycStatus.REVIEW;
            };
        }
    }

    /** The verdict, or {@link ProviderUnavailableException} (timeout, refused, 5xx): the account stays pending. */
    Verdict verify(Request request);

    /** The vendor did not answer in time or at all; the request may be retried. */
    final class ProviderUnavailableException extends io.mbp.error.InfrastructureException {
        private static final long serialVersionUID = 1L;

        public ProviderUnavailableException(String message) {
            super(message);
        }
    }
}
