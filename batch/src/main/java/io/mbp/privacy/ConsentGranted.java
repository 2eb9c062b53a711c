package io.mbp.privacy;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** The subject consented to {@code purpose} as worded in text version {@code version} (docs/privacy.md). */
@EventType("ConsentGranted")
public record ConsentGranted(String subject, String account, String purpose, String version, String source) implements PrivacyEvent {
    public ConsentGranted {
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
