package io.mbp.apiclient;

import java.time.Clock;
import java.util.Set;
import java.util.function.Function;

/**
 * Verifies a signed request (docs/api-auth.md, ADR 0311) against the known keys, with the clock it is
 * given: the three headers, the ±{@link #WINDOW_SECONDS} s timestamp window, the key (unknown,
 * revoked and expired keys look exactly like a wrong signature), the constant-time signature check,
 * replay refusal for writes, and the failed-authentication backoff per key id and per source address.
 * Refusals say which rule failed only where that helps no attacker (missing headers, clock skew,
 * replay, lockout). Thread-safe.
 */
public final class Authenticator {
    public static final long WINDOW_SECONDS = 300;
    private static final String DUMMY_SECRET = "0".repeat(64);

    /** Why a request was refused; {@code retryAfter} seconds for a lockout. */
    public enum Refusal { UNSIGNED, BAD_CREDENTIALS, SKEWED, REPLAYED, LOCKED_OUT }

    public sealed interface Outcome permits Authenticated, Refused {
    }

    public record Authenticated(String keyId, String client, Set<Scope> scopes) implements Outcome {
    }

    public record Refused(Refusal why, long retryAfter) implements Outcome {
    }

    private final Function<String, Credential> keys;
    private final Clock clock;
    private final ReplayGuard replays = new ReplayGuard(WINDOW_SECONDS, 1 << 20);
    private final FailureBackoff byKey = new FailureBackoff(10_000);
    private final FailureBackoff bySource = new FailureBackoff(10_000);

    public Authenticator(Function<String, Credential> keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * @param source the client's address (backoff); {@code write} whether replays are refused
     */
    public Outcome authenticate(String keyId, String timestamp, String signature, String method, String pathWithQuery,
                                byte[] body, String source, boolean write) {
        long now = clock.instant().getEpochSecond();
        long locked = Math.max(bySource.lockedFor(source, now), keyId == null ? 0 : byKey.lockedFor(keyId, now));
        if (locked > 0) {
            return new Refused(Refusal.LOCKED_OUT, locked);
        }
        // no credential was tried: nothing to back off from
        if (blank(keyId) || blank(timestamp) || blank(signature)
                || timestamp.length() > 12 || !digits(timestamp)) {
            return new Refused(Refusal.UNSIGNED, 0);
        }
        long ts = Long.parseLong(timestamp);
        if (Math.abs(now - ts) > WINDOW_SECONDS) {
            return new Refused(Refusal.SKEWED, 0); // the client's clock, not a guess: no backoff
        }
        Credential c = keyId.length() > 64 ? null : keys.apply(keyId);
        boolean usable = c != null && (c.validUntil() == null || clock.instant().isBefore(c.validUntil()));
        // an unknown key costs the same HMAC as a known one, so timing does not tell them apart
        boolean ok = RequestSignature.matches(usable ? c.secret() : DUMMY_SECRET, ts, method, pathWithQuery, body, signature);
        if (!usable || !ok) {
            return fail(keyId, source, now, Refusal.BAD_CREDENTIALS);
        }
        if (write && !replays.firstTime(c.keyId(), ts, signature, now)) { // the credential's key id: one string per key, not per request
            return new Refused(Refusal.REPLAYED, 0);
        }
        byKey.succeeded(keyId);
        return new Authenticated(c.keyId(), c.client(), c.scopes());
    }

    private Refused fail(String keyId, String source, long now, Refusal why) {
        bySource.failed(source, now);
        if (!blank(keyId) && keyId.length() <= 64) {
            byKey.failed(keyId, now);
        }
        return new Refused(why, 0);
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
