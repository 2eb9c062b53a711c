package io.mbp.privacy;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** A subject's data key was deleted (crypto-shredding): every ciphertext under it is unreadable from now on. */
@EventType("DekDestroyed")
public record DekDestroyed(String subject, String dekId, String reason, String actor) implements PrivacyEvent {
    public DekDestroyed {
        requireText("subject", subject);
        requireText("dek_id", dekId);
        requireText("reason", reason);
        requireText("actor", actor);
    }

    @Override
    public String streamId() {
        return subject;
    }
}
