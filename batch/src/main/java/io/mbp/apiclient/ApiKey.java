package io.mbp.apiclient;

import java.time.Instant;
import java.util.Set;

/**
 * A key as the log tells it (never its secret): {@code validUntil} is set once a rotation's overlap
 * ends it, {@code revokedAt} once it was revoked.
 */
public record ApiKey(String keyId, String client, Set<Scope> scopes, Instant createdAt, Instant validUntil, Instant revokedAt) {
    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    /** Whether a request signed with this key at {@code now} may verify. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && (validUntil == null || now.isBefore(validUntil));
    }

    public String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        if (validUntil != null) {
            return now.isBefore(validUntil) ? "rotating" : "expired";
        }
        return "active";
    }
}
