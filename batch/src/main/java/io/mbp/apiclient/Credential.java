package io.mbp.apiclient;

import java.time.Instant;
import java.util.Set;

/** What verifying a key needs: its client, scopes, secret (in memory only) and the end of a rotation's overlap (or null). */
public record Credential(String keyId, String client, Set<Scope> scopes, String secret, Instant validUntil) {
    public Credential {
        scopes = Set.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "Credential[" + keyId + ", client " + client + ", " + Scope.text(scopes) + "]"; // never the secret
    }
}
