package io.mbp.apiclient;

import io.mbp.events.EventPayload;

/**
 * API clients and their keys (issue 15, ADR 0311): a client registered, keys created, rotated and
 * revoked, accounts bound to a client. Stream = the client id. No event carries a secret: the secret
 * is wrapped under the vault's KEK in {@code api_key_secrets}, never in the log.
 */
public sealed interface ApiClientEvent extends EventPayload
        permits ApiClientRegistered, ApiKeyCreated, ApiKeyRotated, ApiKeyRevoked, AccountBoundToClient {
    String client();
}
