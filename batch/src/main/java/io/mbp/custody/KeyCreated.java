package io.mbp.custody;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.Timestamps;

/** An operator signing key was made; {@code verifierKey} is its public C2SP verifier-key text. */
@EventType("KeyCreated")
public record KeyCreated(String keyId, String keyName, String verifierKey, String createdAt) implements CustodyEvent {
    public KeyCreated {
        requireText("key_id", keyId);
        requireText("key_name", keyName);
        requireText("verifier_key", verifierKey);
        createdAt = Timestamps.normalize("created_at", createdAt);
    }
}
