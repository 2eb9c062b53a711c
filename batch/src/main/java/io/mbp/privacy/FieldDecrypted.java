package io.mbp.privacy;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** Someone ({@code actor}) read one field of a subject in clear, for a stated purpose: the audit trail of every look. */
@EventType("FieldDecrypted")
public record FieldDecrypted(String subject, String field, String actor, String purpose) implements PrivacyEvent {
    public FieldDecrypted {
        requireText("subject", subject);
        requireText("field", field);
        requireText("actor", actor);
        requireText("purpose", purpose);
    }

    @Override
    public String streamId() {
        return subject;
    }
}
