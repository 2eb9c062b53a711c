package io.mbp.apiclient;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** Client {@code client} was registered (with its first key), by {@code by}. */
@EventType("ApiClientRegistered")
public record ApiClientRegistered(String client, String by) implements ApiClientEvent {
    public ApiClientRegistered {
        requireText("client", client);
        requireText("by", by);
    }
}
