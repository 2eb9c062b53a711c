package io.mbp.apiclient;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** Account {@code account} now belongs to {@code client}: its read and trade keys act for it (ADR 0312). */
@EventType("AccountBoundToClient")
public record AccountBoundToClient(String account, String client, String by) implements ApiClientEvent {
    public AccountBoundToClient {
        requireText("account", account);
        requireText("client", client);
        requireText("by", by);
    }
}
