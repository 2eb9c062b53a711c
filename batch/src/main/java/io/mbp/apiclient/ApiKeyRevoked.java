package io.mbp.apiclient;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** Key {@code key_id} no longer verifies, from this event on; its wrapped secret is deleted. */
@EventType("ApiKeyRevoked")
public record ApiKeyRevoked(String keyId, String client, String by) implements ApiClientEvent {
    public ApiKeyRevoked {
        requireText("key_id", keyId);
        requireText("client", client);
        requireText("by", by);
    }
}
