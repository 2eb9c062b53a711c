package io.mbp.privacy;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** The subject withdrew consent to {@code purpose}; processing that needs it stops from this event on. */
@EventType("ConsentRevoked")
public record ConsentRevoked(String subject, String account, String purpose, String version, String source) implements PrivacyEvent {
    public ConsentRevoked {
        requireText("subject", subject);
        requireText("account", account);
        Purpose.require("purpose", purpose);
        requireText("version", version);
        requireText("source", source);
    }

    @Override
    public String streamId() {
        return subject;
    }
}
