package io.mbp.cli.daemon;

import io.mbp.apiclient.ApiClients;
import io.mbp.apiclient.ApiKeyRing;
import io.mbp.apiclient.ApiKeyService;
import io.mbp.apiclient.Authenticator;
import io.mbp.apiclient.Scope;
import io.mbp.market.Reject;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Who may call what (docs/api-auth.md, ADR 0311, 0312): public routes are open (and limited per source
 * address); every other request is signed with an API key whose scope covers the route, and acts only
 * for accounts bound to the key's client ({@code admin}, the operator's scope, acts for any). Without a
 * key ring (no vault key given to the daemon) every signed route answers UNAUTHENTICATED.
 */
final class ApiAccess {
    /** The caller of a signed request. */
    record Principal(String client, String keyId, Set<Scope> scopes) {
        boolean admin() {
            return scopes.contains(Scope.ADMIN);
        }
    }

    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "MBP-HMAC-SHA256");
    private final ApiKeyRing ring;
    private final Authenticator auth;
    private final Clock clock;

    ApiAccess(ApiKeyRing ring, Clock clock) {
        this.ring = ring;
        this.clock = clock;
        this.auth = new Authenticator(ring == null ? k -> null : ring::credentialOrRefresh, clock);
    }

    /** The request's principal; {@link ApiError} UNAUTHENTICATED, TIMESTAMP_OUT_OF_WINDOW, REQUEST_REPLAYED or AUTH_LOCKED_OUT. */
    Principal authenticate(ApiRequest ex) {
        boolean write = !"GET".equals(ex.method());
        Authenticator.Outcome o = auth.authenticate(ex.header(io.mbp.apiclient.RequestSignature.KEY_ID),
                ex.header(io.mbp.apiclient.RequestSignature.TIMESTAMP), ex.header(io.mbp.apiclient.RequestSignature.SIGNATURE),
                ex.method(), ex.pathWithQuery(), ex.body(), ex.source(), write);
        return switch (o) {
            case Authenticator.Authenticated a -> new Principal(a.client(), a.keyId(), a.scopes());
            case Authenticator.Refused r -> throw switch (r.why()) {
                case UNSIGNED -> new ApiError(Reject.UNAUTHENTICATED, null,
                        "sign the request with MBP-Key-Id, MBP-Timestamp and MBP-Signature (docs/api-auth.md)", CHALLENGE);
                case BAD_CREDENTIALS -> new ApiError(Reject.UNAUTHENTICATED, null,
                        "the request signature does not verify (docs/api-auth.md)", CHALLENGE);
                case SKEWED -> new ApiError(Reject.TIMESTAMP_OUT_OF_WINDOW, null,
                        "MBP-Timestamp is more than " + Authenticator.WINDOW_SECONDS + " s from the server's clock; check the client's clock",
                        CHALLENGE);
                case REPLAYED -> new ApiError(Reject.REQUEST_REPLAYED, null,
                        "this signed request was received already; sign a retry anew (a new MBP-Timestamp)", CHALLENGE);
                case LOCKED_OUT -> new ApiError(Reject.AUTH_LOCKED_OUT, null,
                        "too many failed authentications; retry after " + r.retryAfter() + " s",
                        Map.of("Retry-After", Long.toString(r.retryAfter())));
            };
        };
    }

    /** FORBIDDEN_SCOPE unless the key has {@code scope} (admin covers every scope). */
    void requireScope(Principal p, Scope scope) {
        if (!p.scopes().contains(scope) && !p.admin()) {
            throw new ApiError(Reject.FORBIDDEN_SCOPE, null, "this key lacks the " + scope.code() + " scope");
        }
    }

    /** ACCOUNT_NOT_BOUND unless the account is bound to the principal's client (or the key is admin). */
    void requireAccount(Principal p, String account, String field) {
        if (p.admin() || account == null) {
            return;
        }
        if (ring == null || !p.client().equals(ring.clientOf(account))) {
            // the same answer whether the account exists, is unbound or is another client's
            throw new ApiError(Reject.ACCOUNT_NOT_BOUND, field, "this client may not act for account " + account);
        }
    }

    /** Whether the account is bound to a client other than the principal's. */
    boolean boundElsewhere(Principal p, String account) {
        String owner = ring == null ? null : ring.clientOf(account);
        return owner != null && !owner.equals(p.client());
    }

    /**
     * What POST /v2/accounts by {@code p} does in the onboarding's own transaction (ADR 0312, 0323), in
     * two steps that share one fold of the client log (the transaction holds the writers' lock between
     * them). {@link Onboarding#first} runs before the store looks for the account or the Idempotency-Key:
     * an account the store binds to another client is refused 403 ACCOUNT_NOT_BOUND, as
     * {@link #requireAccount} would with a fresh ring (the ring refreshes every second, so a binding made
     * by `mbp` a moment ago would otherwise get 409 ACCOUNT_EXISTS or a replayed answer, telling this
     * client that another client's account exists). {@link Onboarding#alongWith} runs just before a new
     * account is stored: a non-admin client's account is bound to it there, so the account and the
     * binding are stored together or not at all. Admin keys (and a daemon without a key ring) bind nothing.
     */
    Onboarding onboarding(Principal p) {
        return new Onboarding(p);
    }

    /** One onboarding's steps; used by one request only (it keeps what its first step read). */
    final class Onboarding {
        private final Principal p;
        private ApiClients folded;

        private Onboarding(Principal p) {
            this.p = p;
        }

        void first(DSLContext dsl, String account) {
            if (p.admin() || ring == null) {
                return;
            }
            folded = ApiKeyService.clientsIn(dsl);
            String owner = folded.clientOf(account);
            if (owner != null && !owner.equals(p.client())) {
                throw new ApiError(Reject.ACCOUNT_NOT_BOUND, "account", "this client may not act for account " + account);
            }
        }

        void alongWith(DSLContext dsl, String account) {
            if (p.admin() || ring == null) {
                return;
            }
            if (folded == null) {
                throw new IllegalStateException("the onboarding's binding ran before its owner check");
            }
            if (ApiKeyService.bindOnboardedIn(dsl, folded, p.client(), account, "api:" + p.keyId(), clock.instant())
                    == ApiKeyService.Binding.BOUND_ELSEWHERE) {
                // first() refused any other owner in this transaction: the fold and the log disagree
                throw new IllegalStateException("account " + account + " turned bound elsewhere between the owner check and the binding");
            }
        }
    }

    /** After POST /v2/accounts by {@code p} answered 201: the ring knows the binding before its next refresh. */
    void onboarded(Principal p, String account) {
        if (!p.admin() && ring != null) {
            ring.bound(account, p.client());
        }
    }
}
