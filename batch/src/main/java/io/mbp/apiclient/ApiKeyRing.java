package io.mbp.apiclient;

import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daemon's view of the API clients: keys with their secrets unwrapped, and account bindings,
 * caught up from the log by {@link #refresh} (only events after the last one read), so a key made,
 * rotated or revoked by `mbp api-keys` takes effect at the next refresh. Reads are lock-free.
 */
public final class ApiKeyRing {
    private final Database db;
    private final ApiKeyService keys;
    private final ApiClients state = new ApiClients();
    private final Map<String, Credential> credentials = new ConcurrentHashMap<>();
    private final Map<String, String> bindings = new ConcurrentHashMap<>();
    private long cursor;
    private volatile long lastRefreshNanos = System.nanoTime();
    /** At most this often does an unknown key id make the ring read the log (so a flood of made-up ids costs little). */
    static final long ON_DEMAND_NANOS = 200_000_000L;

    public ApiKeyRing(Database db, ApiKeyService keys) {
        this.db = db;
        this.keys = keys;
    }

    /** Reads the API client events appended since the last refresh; returns how many. */
    public synchronized long refresh() {
        lastRefreshNanos = System.nanoTime();
        return db.read(dsl -> EventLog.forEachOfTypes(dsl, ApiClientEvents.NAMES, cursor, (Event e) -> {
            ApiClientEvent ev = ApiKeyService.decode(e);
            state.apply(ev, io.mbp.events.Timestamps.parse("ts", e.ts()));
            cursor = e.seq() + 1;
            switch (ev) {
                case ApiKeyCreated c -> {
                    byte[] secret = keys.secret(dsl, c.keyId());
                    if (secret != null) { // null: revoked since (its secret is destroyed)
                        credentials.put(c.keyId(), credential(state.key(c.keyId()), new String(secret, StandardCharsets.US_ASCII)));
                    }
                }
                case ApiKeyRotated r -> credentials.computeIfPresent(r.keyId(), (id, c) -> credential(state.key(id), c.secret()));
                case ApiKeyRevoked r -> credentials.remove(r.keyId());
                case AccountBoundToClient b -> bindings.put(b.account(), b.client());
                case ApiClientRegistered r -> { }
            }
        }));
    }

    /** The key's credential, or null when unknown or revoked (an expired one is refused by its {@code validUntil}). */
    public Credential credential(String keyId) {
        return credentials.get(keyId);
    }

    /**
     * As {@link #credential}, but an unknown id first makes the ring catch up with the log (at most every
     * 200 ms), so a key made a moment ago verifies at once instead of failing and counting as a failure.
     */
    public Credential credentialOrRefresh(String keyId) {
        Credential c = credentials.get(keyId);
        if (c == null && System.nanoTime() - lastRefreshNanos > ON_DEMAND_NANOS) {
            refresh();
            c = credentials.get(keyId);
        }
        return c;
    }

    /** The client an account is bound to, or null. */
    public String clientOf(String account) {
        return bindings.get(account);
    }

    /** Binds an account to a client (POST /v2/accounts by that client); false when it was bound already. */
    public boolean bind(String client, String account, String by) {
        boolean appended = keys.bind(client, account, by);
        bindings.put(account, client);
        return appended;
    }

    private static Credential credential(ApiKey k, String secret) {
        Instant until = k.validUntil();
        return new Credential(k.keyId(), k.client(), k.scopes(), secret, until);
    }
}
