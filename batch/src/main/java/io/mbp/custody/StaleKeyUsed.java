package io.mbp.custody;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.FieldException;
import io.mbp.events.EventType;
import io.mbp.events.Timestamps;

/**
 * A key older than the 90-day limit was let sign or anchor by an explicit override: which key
 * ({@code key_kind} operator or chain; the key id or chain address), how old, for what
 * ({@code purpose}: seal, evidence, anchor) and by which switch. Logged before the key is used, so
 * the next checkpoint covers it (docs/adr/0106).
 */
@EventType("StaleKeyUsed")
public record StaleKeyUsed(String keyKind, String keyId, long ageDays, String purpose, String allowedBy, String usedAt)
        implements CustodyEvent {
    public StaleKeyUsed {
        requireText("key_kind", keyKind);
        requireText("key_id", keyId);
        requireText("purpose", purpose);
        requireText("allowed_by", allowedBy);
        if (ageDays < 0) {
            throw new FieldException("age_days", "must be >= 0");
        }
        usedAt = Timestamps.normalize("used_at", usedAt);
    }
}
