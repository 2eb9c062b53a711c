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
 * rotated or revoked by `mbp api-keys` takes effect at the next refresh. Reads are lock-free. The
 * ring's database connection is its own and used only under the ring's lock: refreshes run on HTTP
 * threads and a timer, and a connection shared with another thread shares its transaction (ADR 0323).
 */
public final class ApiKeyRing implements AutoCloseable {
    private final Database db;
    private final ApiKeyService keys;
    private final ApiClients state = new ApiClients();
    private final Map<String, Credential> credentials = new ConcurrentHashMap<>();
    private final Map<String, String> bindings = new ConcurrentHashMap<>();
    private long cursor;

    private ApiKeyRing(Database db, ApiKeyService keys) {
        this.db = db;
        this.keys = keys;
    }

    /** A ring on a connection of its own to {@code url} (migrated already), closed by {@link #close}. */
    public static ApiKeyRing open(String url, java.util.function.Function<Database, ApiKeyService> keys) {
        Database db = Database.open(url);
        try {
            return new ApiKeyRing(db, keys.apply(db));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Reads the API client events appended since the last refresh; returns how many. */
    public synchronized long refresh() {
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
     * As {@link #credential}, but an unknown id first makes the ring catch up with the log, so a key made
     * a moment ago verifies at once instead of failing (and counting towards a lockout). The catch-up is
     * one indexed read of the API client events after the last one seen, usually none; a source that
     * keeps sending made-up ids is locked out after five (ADR 0311), which bounds what this costs.
     */
    public Credential credentialOrRefresh(String keyId) {
        Credential c = credentials.get(keyId);
        if (c == null) {
            refresh();
            c = credentials.get(keyId);
        }
        return c;
    }

    /** The client an account is bound to, or null. */
    public String clientOf(String account) {
        return bindings.get(account);
    }

    /**
     * Takes a binding committed by another connection (POST /v2/accounts binds in the onboarding's own
     * transaction, ADR 0323) before the next refresh reads it from the log, so the client can use the
     * account at once.
     */
    public void bound(String account, String client) {
        bindings.put(account, client);
    }

    private static Credential credential(ApiKey k, String secret) {
        Instant until = k.validUntil();
        return new Credential(k.keyId(), k.client(), k.scopes(), secret, until);
    }

    /** Closes the ring's connection; a refresh under way finishes first. */
    @Override
    public synchronized void close() {
        db.close();
    }
}
