package io.mbp.apiclient;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.Timestamps;

/** Key {@code key_id} was replaced by {@code new_key_id}; the old key verifies until {@code old_valid_until} (the overlap). */
@EventType("ApiKeyRotated")
public record ApiKeyRotated(String keyId, String client, String newKeyId, String oldValidUntil, String by) implements ApiClientEvent {
    public ApiKeyRotated {
        requireText("key_id", keyId);
        requireText("client", client);
        requireText("new_key_id", newKeyId);
        oldValidUntil = Timestamps.normalize("old_valid_until", oldValidUntil);
        requireText("by", by);
    }
}
