package io.mbp.privacy;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/**
 * A subject's data keys moved to the cold tier (ADR 0706): from now on the vault opens their fields
 * only for a data-subject request or a legal hold, until they are shredded on {@code shred_due}.
 */
@EventType("SubjectArchived")
public record SubjectArchived(String subject, String account, String reason, String shredDue) implements PrivacyEvent {
    public SubjectArchived {
        requireText("subject", subject);
        requireText("account", account);
        requireText("reason", reason);
        requireText("shred_due", shredDue);
    }

    @Override
    public String streamId() {
        return subject;
    }
}
