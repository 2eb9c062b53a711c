package io.mbp.privacy.retention;

import io.mbp.error.UsageException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * How long personal data lives (ADR 0706), counted from the end of the relationship (ADR 0705):
 * {@code hotMonths} in the hot tier, then {@code coldMonths} in the cold tier, then shredded. A
 * subject whose relationship began (verified, or money moved) is also under the AML/KYC record
 * retention of Bacen Circ. 3.978 for {@code amlYears} after it ended, which an erasure request
 * cannot cut short. With the defaults (12 + 48 months = 5 years) both clocks end on the same day.
 */
public record RetentionPolicy(int hotMonths, int coldMonths, int amlYears) {
    public static final RetentionPolicy STANDARD = new RetentionPolicy(12, 48, 5);
    public static final String AML_BASIS = "Bacen Circ. 3.978 (AML/KYC identification and transaction records kept 5 years"
            + " after the relationship ends); LGPD art. 16 I (retention for a legal obligation)";

    public RetentionPolicy {
        if (hotMonths < 0 || coldMonths < 0 || amlYears < 0) {
            throw new UsageException("retention periods must not be negative");
        }
    }

    /** What the policy says for a subject whose relationship is {@code r}. */
    public record Standing(Relationship relationship, Instant archiveAt, Instant shredAt, Optional<Instant> amlUntil) {
        /** The legal retention still running at {@code now}, if any: the date until which an erasure must wait. */
        public Optional<Instant> retainedAt(Instant now) {
            return amlUntil.filter(now::isBefore);
        }
    }

    public Standing standing(Relationship r) {
        var end = r.ended().atZone(ZoneOffset.UTC);
        Optional<Instant> aml = r.began() ? Optional.of(end.plusYears(amlYears).toInstant()) : Optional.empty();
        Instant shred = end.plusMonths((long) hotMonths + coldMonths).toInstant();
        // Shredding never comes before the legal retention ends, whatever the tiers say.
        if (aml.isPresent() && aml.get().isAfter(shred)) {
            shred = aml.get();
        }
        return new Standing(r, end.plusMonths(hotMonths).toInstant(), shred, aml);
    }
}
