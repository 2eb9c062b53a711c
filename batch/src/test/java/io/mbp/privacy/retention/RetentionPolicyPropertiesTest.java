package io.mbp.privacy.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The policy's dates: cold never comes after shredding, shredding never before the AML retention
 * ends, and an erasure may run exactly when the retention is over (never a second early).
 */
class RetentionPolicyPropertiesTest {
    static Relationship ended(long epochSecond, boolean began) {
        return new Relationship("acct-1", "sub-1", began, Instant.ofEpochSecond(epochSecond), 7, 3);
    }

    @Property
    void shreddingNeverPrecedesArchivingNorTheLegalRetention(@ForAll @LongRange(min = 946_684_800L, max = 4_102_444_800L) long end,
            @ForAll boolean began, @ForAll @IntRange(min = 0, max = 120) int hot, @ForAll @IntRange(min = 0, max = 120) int cold,
            @ForAll @IntRange(min = 0, max = 20) int aml) {
        RetentionPolicy.Standing s = new RetentionPolicy(hot, cold, aml).standing(ended(end, began));
        Instant e = Instant.ofEpochSecond(end);
        assertFalse(s.archiveAt().isBefore(e));
        assertFalse(s.shredAt().isBefore(s.archiveAt()));
        assertEquals(began, s.amlUntil().isPresent());
        s.amlUntil().ifPresent(a -> assertFalse(s.shredAt().isBefore(a), "shredded before the AML retention ended"));
    }

    @Property
    void anErasureWaitsExactlyUntilTheRetentionEnds(@ForAll @LongRange(min = 946_684_800L, max = 4_102_444_800L) long end,
            @ForAll @LongRange(min = -400_000_000L, max = 400_000_000L) long offset) {
        RetentionPolicy.Standing s = RetentionPolicy.STANDARD.standing(ended(end, true));
        Instant until = s.amlUntil().orElseThrow();
        Instant now = until.plusSeconds(offset);
        assertEquals(now.isBefore(until), s.retainedAt(now).isPresent());
        assertTrue(RetentionPolicy.STANDARD.standing(ended(end, false)).retainedAt(now).isEmpty(), "no relationship, no retention");
    }

    @Test
    void theStandardPolicyEndsBothClocksOnTheSameDay() {
        RetentionPolicy.Standing s = RetentionPolicy.STANDARD.standing(ended(Instant.parse("2026-02-28T10:00:00Z").getEpochSecond(), true));
        assertEquals(Instant.parse("2027-02-28T10:00:00Z"), s.archiveAt());
        assertEquals(Instant.parse("2031-02-28T10:00:00Z"), s.shredAt());
        assertEquals(s.shredAt(), s.amlUntil().orElseThrow());
    }
}
