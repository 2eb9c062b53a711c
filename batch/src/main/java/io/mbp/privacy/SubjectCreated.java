package io.mbp.privacy;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** A data subject got a pseudonymous id and its own data key ({@code dek_id}), wrapped under KEK {@code kek_id}. */
@EventType("SubjectCreated")
public record SubjectCreated(String subject, String account, String dekId, long dekVersion, String kekId) implements PrivacyEvent {
    public SubjectCreated {
        requireText("subject", subject);
        requireText("account", account);
        requireText("dek_id", dekId);
        io.mbp.events.FieldException.requirePositive("dek_version", dekVersion);
        requireText("kek_id", kekId);
    }

    @Override
    public String streamId() {
        return subject;
    }
}
