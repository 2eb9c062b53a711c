package io.mbp.apiclient;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** Key {@code key_id} of {@code client} was created with {@code scopes} ("read,trade"); its secret is not logged. */
@EventType("ApiKeyCreated")
public record ApiKeyCreated(String keyId, String client, String scopes, String by) implements ApiClientEvent {
    public ApiKeyCreated {
        requireText("key_id", keyId);
        requireText("client", client);
        scopes = Scope.text(Scope.parseList("scopes", scopes));
        requireText("by", by);
    }
}
