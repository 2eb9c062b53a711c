package io.mbp.apiclient;

import io.mbp.events.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Clients, keys and account bindings folded from the log, in log order. Not thread-safe. */
public final class ApiClients {
    private final Set<String> clients = new TreeSet<>();
    private final Map<String, ApiKey> keys = new LinkedHashMap<>();
    private final Map<String, String> accounts = new HashMap<>();

    public void apply(ApiClientEvent e, Instant ts) {
        switch (e) {
            case ApiClientRegistered r -> clients.add(r.client());
            case ApiKeyCreated c -> keys.put(c.keyId(), new ApiKey(c.keyId(), c.client(), Scope.parseList("scopes", c.scopes()), ts, null, null));
            case ApiKeyRotated r -> keys.computeIfPresent(r.keyId(), (id, k) -> new ApiKey(id, k.client(), k.scopes(), k.createdAt(),
                    Timestamps.parse("old_valid_until", r.oldValidUntil()), k.revokedAt()));
            case ApiKeyRevoked r -> keys.computeIfPresent(r.keyId(), (id, k) -> new ApiKey(id, k.client(), k.scopes(), k.createdAt(),
                    k.validUntil(), ts));
            case AccountBoundToClient b -> accounts.put(b.account(), b.client());
        }
    }

    public boolean hasClient(String client) {
        return clients.contains(client);
    }

    public ApiKey key(String keyId) {
        return keys.get(keyId);
    }

    public List<ApiKey> keys() {
        return new ArrayList<>(keys.values());
    }

    /** The client an account is bound to, or null. */
    public String clientOf(String account) {
        return accounts.get(account);
    }

    public Map<String, String> bindings() {
        return Map.copyOf(accounts);
    }
}
