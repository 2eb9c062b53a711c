package io.mbp.apiclient;

import io.mbp.error.BadInputException;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.Identifier;
import io.mbp.events.NewEvent;
import io.mbp.privacy.Vault;
import io.mbp.sql.Database;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * {@code mbp api-keys} (ADR 0311): keys created, rotated, revoked and accounts bound, each one event
 * appended under the writers' lock after the clients are folded from the log. A key's secret is made
 * here, returned once, and kept only wrapped under the vault's KEK ({@link Vault#putSecret}).
 */
public final class ApiKeyService {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key as issued: the only time its secret is shown. */
    public record Issued(String keyId, String client, Set<Scope> scopes, String secret) {
        @Override
        public String toString() {
            return "Issued[" + keyId + ", " + client + "]"; // never the secret
        }
    }

    private final Database db;
    private final Vault vault;
    private final Clock clock;

    public ApiKeyService(Database db, Vault vault, Clock clock) {
        this.db = db;
        this.vault = vault;
        this.clock = clock;
    }

    public Issued create(String client, Set<Scope> scopes, String by) {
        requireId("--client", client);
        return db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            ApiClients all = fold(dsl);
            List<ApiClientEvent> out = new ArrayList<>();
            if (!all.hasClient(client)) {
                out.add(new ApiClientRegistered(client, by));
            }
            Issued issued = issue(dsl, client, scopes, by, out);
            append(dsl, out);
            return issued;
        });
    }

    /** A new key with the old one's scopes; the old one verifies for {@code overlap} more. */
    public Issued rotate(String keyId, Duration overlap, String by) {
        if (overlap.isNegative()) {
            throw new BadInputException("--overlap must not be negative");
        }
        return db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            ApiKey old = usable(fold(dsl), keyId);
            List<ApiClientEvent> out = new ArrayList<>();
            Issued issued = issue(dsl, old.client(), old.scopes(), by, out);
            out.add(new ApiKeyRotated(keyId, old.client(), issued.keyId(), io.mbp.events.Timestamps.format(clock.instant().plus(overlap)), by));
            append(dsl, out);
            return issued;
        });
    }

    public void revoke(String keyId, String by) {
        db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            ApiKey k = fold(dsl).key(keyId);
            if (k == null) {
                throw new BadInputException("--key " + keyId + ": no such key (see `mbp api-keys list`)");
            }
            if (k.revokedAt() != null) {
                throw new BadInputException("--key " + keyId + " was revoked already");
            }
            append(dsl, List.of(new ApiKeyRevoked(keyId, k.client(), by)));
            vault.deleteSecret(dsl, secretName(keyId));
            return null;
        });
    }

    /** Binds an account to a client; false when it already was (nothing appended). */
    public boolean bind(String client, String account, String by) {
        requireId("--account", account);
        return db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            return bindIn(dsl, fold(dsl), client, account, by);
        });
    }

    /** As {@link #bind}, inside a transaction holding the writers' lock, given the folded clients. */
    boolean bindIn(DSLContext dsl, ApiClients all, String client, String account, String by) {
        return switch (bindIn(dsl, all, client, account, by, clock.instant())) {
            case BOUND -> true;
            case ALREADY_BOUND -> false;
            case BOUND_ELSEWHERE -> throw new BadInputException("account " + account + " is bound to another client already");
        };
    }

    /** What {@link #bindOnboardedIn} did. */
    public enum Binding { BOUND, ALREADY_BOUND, BOUND_ELSEWHERE }

    /**
     * Binds an account a client onboards, in the onboarding's own transaction (which holds the writers'
     * lock), so the account and its binding are stored together or not at all (ADR 0323). {@code folded}
     * is what {@link #clientsIn(DSLContext)} read earlier in the same transaction: the daemon's onboarding
     * checks the account's owner first and binds last, and one fold of the client log serves both. Nothing
     * is appended unless the answer is {@link Binding#BOUND}; on {@link Binding#BOUND_ELSEWHERE} the caller
     * refuses the onboarding (and so rolls the transaction back).
     */
    public static Binding bindOnboardedIn(DSLContext dsl, ApiClients folded, String client, String account, String by, Instant now) {
        return bindIn(dsl, folded, client, account, by, now);
    }

    /** The clients, keys and bindings as the log in this transaction tells them. */
    public static ApiClients clientsIn(DSLContext dsl) {
        return fold(dsl);
    }

    private static Binding bindIn(DSLContext dsl, ApiClients all, String client, String account, String by, Instant now) {
        if (!all.hasClient(client)) {
            throw new BadInputException("--client " + client + ": no such client (create a key for it first)");
        }
        String owner = all.clientOf(account);
        if (client.equals(owner)) {
            return Binding.ALREADY_BOUND;
        }
        if (owner != null) {
            return Binding.BOUND_ELSEWHERE;
        }
        append(dsl, List.of(new AccountBoundToClient(account, client, by)), now);
        return Binding.BOUND;
    }

    public ApiClients clients() {
        return db.read(ApiKeyService::fold);
    }

    /** The clients as the log tells them, without the vault (listing needs no secret). */
    public static ApiClients clientsIn(Database db) {
        return db.read(ApiKeyService::fold);
    }

    /** The secret of a key, for the daemon's key ring; null once revoked. */
    byte[] secret(DSLContext dsl, String keyId) {
        return vault.secret(dsl, secretName(keyId));
    }

    static ApiClients fold(DSLContext dsl) {
        ApiClients out = new ApiClients();
        EventLog.forEachOfTypes(dsl, ApiClientEvents.NAMES, (Event e) -> out.apply(decode(e), io.mbp.events.Timestamps.parse("ts", e.ts())));
        return out;
    }

    static ApiClientEvent decode(Event e) {
        return (ApiClientEvent) ApiClientEvents.TYPES.decode(e.type(), e.payload());
    }

    static String secretName(String keyId) {
        return "api-key:" + keyId;
    }

    private Issued issue(DSLContext dsl, String client, Set<Scope> scopes, String by, List<ApiClientEvent> out) {
        String keyId = "mbpk_" + hex(8);
        String secret = hex(32);
        vault.putSecret(dsl, secretName(keyId), secret.getBytes(StandardCharsets.US_ASCII));
        out.add(new ApiKeyCreated(keyId, client, Scope.text(scopes), by));
        return new Issued(keyId, client, Set.copyOf(scopes), secret);
    }

    private ApiKey usable(ApiClients all, String keyId) {
        ApiKey k = all.key(keyId);
        if (k == null) {
            throw new BadInputException("--key " + keyId + ": no such key (see `mbp api-keys list`)");
        }
        if (!k.usableAt(clock.instant()) || k.validUntil() != null) {
            throw new BadInputException("--key " + keyId + " is " + k.status(clock.instant()) + "; rotate the key that replaced it");
        }
        return k;
    }

    private void append(DSLContext dsl, List<ApiClientEvent> events) {
        append(dsl, events, clock.instant());
    }

    private static void append(DSLContext dsl, List<ApiClientEvent> events, Instant now) {
        EventLog.appendIn(dsl, events.stream().map(e -> NewEvent.of(ApiClientEvents.TYPES, e.client(), now, e)).iterator());
    }

    private static void requireId(String field, String id) {
        if (!Identifier.isValid(id)) {
            throw new BadInputException(field + ": 1 to " + Identifier.MAX_LENGTH + " characters of letters, digits, . _ : @ - (got \""
                    + (id == null ? "" : id.length() > 40 ? id.substring(0, 40) + "..." : id) + "\")");
        }
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
