package io.mbp.dsr;

import java.util.List;

/**
 * The answer to an access request (LGPD art. 18 I, II, VII): every personal field we hold, decrypted,
 * with why we hold it and where it is used; consents, KYC decisions, who read which field and why,
 * the events that name the account, and the retention that applies. After crypto-shredding the
 * values are absent and {@code state} says {@code erased}.
 */
public record SubjectExport(String format, String request, String account, String subject, String receivedAt, String answeredAt,
        String state, String erasedAt, String note, List<Item> personalData, List<ConsentRow> consents, List<KycRow> kycStates,
        List<Read> reads, List<Use> events, RetentionView retention) {
    public static final String FORMAT = "mbp-dsr-export-1";

    /** One personal field: its value (null once erased), how and where it is stored, why, and which events use it. */
    public record Item(String field, String value, String heldAs, long storedInSeq, String purpose, String legalBasis,
            String reference, List<Long> usedInSeqs) {
    }

    public record ConsentRow(long seq, String at, String purpose, boolean granted, String wording) {
    }

    public record KycRow(long seq, String at, String from, String to, String by, String reason) {
    }

    /** A look at one field in clear (a FieldDecrypted event): who, when, why. */
    public record Read(long seq, String at, String field, String actor, String purpose) {
    }

    /** An event that names the account, its subject or one of its references. */
    public record Use(long seq, String at, String type, String stream) {
    }

    public record RetentionView(boolean relationshipBegan, String relationshipEnded, String hotUntil, String shredDue,
            String legalRetentionUntil, String legalBasis, String erasureScheduledFor) {
    }
}
