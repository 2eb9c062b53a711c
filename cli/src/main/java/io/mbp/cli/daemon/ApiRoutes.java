package io.mbp.cli.daemon;

import static io.mbp.cli.daemon.ApiBodies.body;
import static io.mbp.cli.daemon.ApiBodies.idempotency;
import static io.mbp.cli.daemon.ApiBodies.integer;
import static io.mbp.cli.daemon.ApiBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.cli.market.Views;
import io.mbp.events.CanonicalJson;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketDefaults;
import io.mbp.market.MarketRejected;
import io.mbp.market.PixPayee;
import io.mbp.market.Reject;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The /v2 API (docs/openapi.yaml) on HTTP threads: a request is routed ({@link Routes}), rate limited,
 * parsed and validated into a market command or a read, and handed to the {@link EngineLoop}; the
 * future it returns completes when the engine has committed (or read). Defaults a request leaves out
 * are the market's ({@link MarketDefaults}). No route waits for the engine.
 */
final class ApiRoutes implements HttpLayer.Api {
    private static final Logger LOG = LogManager.getLogger(ApiRoutes.class);
    private final EngineLoop engine;
    private final RateLimiter limits;
    private final Clock clock;
    private final KycDesk kyc;
    private final ShardGuard shard;
    private volatile boolean draining;
    /** GET /v2/markets/{id}/quality; set by the daemon (ADR 0317). */
    private volatile QualityDesk quality;

    private final OrderRoutes orders;
    private final DaemonPayees payees;
    private final ApiAccess access;
    /** Oracle and proof reads, off the engine thread; set by the daemon before it starts. */
    PublicReads reads;
    /** Webhook subscriptions; set by the daemon before it starts. */
    WebhookDesk webhooks;

    ApiRoutes(EngineLoop engine, RateLimiter limits, Clock clock, DaemonPayees payees, KycDesk kyc, ShardGuard shard, ApiAccess access) {
        this.access = access;
        this.payees = payees;
        this.engine = engine;
        this.limits = limits;
        this.clock = clock;
        this.kyc = kyc;
        this.shard = shard;
        this.orders = new OrderRoutes(engine, limits, shard, access);
    }

    private volatile boolean benchRoutes;

    /**
     * Serves {@code GET /v2/noop} (`mbp daemon --bench-routes`): the same HTTP stack, rate limits and
     * checks as every route, answered without the engine, so a benchmark can tell the server's cost
     * from ours in the same run (issue 17). Off by default: it is a 404 like any unknown path.
     */
    void enableBenchRoutes() {
        benchRoutes = true;
    }

    void useQuality(QualityDesk desk) {
        this.quality = desk;
    }

    /** From now on every request is refused with SHUTTING_DOWN. */
    void drain() {
        draining = true;
    }

    /** The API's answer to one request; the future never fails (errors are answers too). */
    @Override
    public CompletableFuture<Reply> serve(ApiRequest ex) {
        try {
            return route(ex).exceptionally(x -> {
                Throwable cause = x instanceof CompletionException && x.getCause() != null ? x.getCause() : x;
                if (cause instanceof TimeoutException) {
                    return Reply.error(Reject.STORAGE_UNAVAILABLE, null, "no answer from the engine in "
                            + EngineLoop.ANSWER_SECONDS + " s; retry with the same Idempotency-Key");
                }
                return internal(ex, cause);
            });
        } catch (ApiError e) {
            return CompletableFuture.completedFuture(Reply.error(e));
        } catch (MarketRejected e) {
            return CompletableFuture.completedFuture(Reply.error(e.code(), e.field(), e.getMessage()));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(internal(ex, e));
        }
    }

    /** {@link Routes#quick}: served on Jetty's selector thread (ADR 0122); while draining every answer comes from the pool. */
    @Override
    public boolean quick(String method, String path) {
        return !draining && Routes.quick(method, path);
    }

    private static Reply internal(ApiRequest ex, Throwable e) {
        LOG.error("unexpected error on {} {}", ex.method(), ex.path(), e);
        return Reply.internal(String.valueOf(e.getMessage()));
    }

    private CompletableFuture<Reply> route(ApiRequest ex) {
        String method = ex.method();
        String path = ex.path();
        if (path == null) {
            throw new ApiError(Reject.MALFORMED_REQUEST, null, "the path is not valid (a bad % escape?)");
        }
        String[] parts = (path.startsWith("/") ? path.substring(1) : path).split("/");
        if (draining) {
            throw new ApiError(Reject.SHUTTING_DOWN, null, "the daemon is shutting down");
        }
        Set<String> allowed = benchRoutes && parts.length == 2 && "v2".equals(parts[0]) && "noop".equals(parts[1])
                ? Set.of("GET") : Routes.methods(parts);
        if (allowed.isEmpty()) {
            throw new ApiError(Reject.NOT_FOUND, null, "no route " + path + " (see docs/openapi.yaml)");
        }
        if (!allowed.contains(method)) {
            throw ApiError.methodNotAllowed(method, path, allowed);
        }
        boolean get = "GET".equals(method);
        String route = parts.length >= 2 ? parts[1] : "";
        ApiAccess.Principal who = null;
        if (!Routes.isPublic(method, parts)) {
            who = access.authenticate(ex);
            access.requireScope(who, Routes.scope(method, parts));
        }
        String principal = who == null ? "addr:" + ex.source() : "client:" + who.client();
        java.util.Map<String, String> quota = limits.take(principal, get, route);
        CompletableFuture<Reply> answer;
        try {
            answer = parts.length == 3 && route.equals("orders") ? orders.batch(ex, who, principal, quota) : routeFor(ex, parts, who);
        } catch (ApiError e) {
            answer = CompletableFuture.completedFuture(Reply.error(e));
        } catch (MarketRejected e) {
            answer = CompletableFuture.completedFuture(Reply.error(e.code(), e.field(), e.getMessage()));
        }
        return answer.thenApply(r -> r.headers().containsKey("RateLimit-Limit") ? r : withHeaders(r, quota));
    }

    private static Reply withHeaders(Reply r, java.util.Map<String, String> extra) {
        if (r.headers().isEmpty()) {
            return new Reply(r.status(), r.body(), extra); // the limiter's map is this request's own
        }
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>(extra);
        h.putAll(r.headers());
        return new Reply(r.status(), r.body(), h);
    }

    private CompletableFuture<Reply> routeFor(ApiRequest ex, String[] parts, ApiAccess.Principal who) {
        String method = ex.method();
        String path = ex.path();
        boolean get = "GET".equals(method);
        String route = parts[1];
        shard.check(method, parts, ex);
        if (parts.length == 2 && route.equals("noop") && benchRoutes) {
            return CompletableFuture.completedFuture(new Reply(200, java.util.Map.of("ok", true)));
        }
        if (parts.length == 2 && route.equals("health") && get) {
            return engine.read(engine::health);
        }
        if (route.equals("markets")) {
            if (parts.length == 2 && get) {
                Instant now = clock.instant();
                return engine.read(s -> new Reply(200, s.books().values().stream().filter(b -> shard.owns(b.spec.market()))
                        .map(b -> Views.market(b, now, false)).toList()));
            }
            if (parts.length == 2) {
                return createMarket(ex);
            }
            if (parts.length == 3 && get) {
                String id = parts[2];
                Instant now = clock.instant();
                return engine.read(s -> s.book(id) == null
                        ? Reply.error(Reject.UNKNOWN_MARKET, null, "no market \"" + id + "\"")
                        : new Reply(200, Views.market(s.book(id), now, true)));
            }
        }
        if (route.equals("markets") && parts.length == 4 && get && quality != null) {
            String id = parts[2];
            // known to the engine (else 404 as for GET /v2/markets/{id}); the figures from the quality desk's replay
            return engine.read(s -> s.book(id) == null ? Reply.error(Reject.UNKNOWN_MARKET, null, "no market \"" + id + "\"")
                    : new Reply(200, null)).thenCompose(r -> r.status() == 200 ? quality.quality(id) : CompletableFuture.completedFuture(r));
        }
        if (route.equals("accounts") && parts.length == 3 && get) {
            String id = parts[2];
            access.requireAccount(who, id, null);
            // the market part from the engine, the KYC part from the KYC desk (never the engine thread)
            return engine.read(s -> new Reply(200, Views.account(s, id))).thenCombine(kyc.view(id), (r, k) -> {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(castMap(r.body()));
                m.put("kyc", k);
                return new Reply(r.status(), m, r.headers());
            });
        }
        if (route.equals("oracle")) {
            return reads.oracle(parts);
        }
        if (route.equals("webhooks")) {
            return webhooks.serve(method, parts, ex, who.client());
        }
        if (route.equals("proofs")) {
            return reads.proof(parts[2]);
        }
        if (route.equals("accounts") && parts.length == 2) {
            return onboard(ex, who);
        }
        if (route.equals("kyc")) {
            return kyc.callback(ex);
        }
        if (route.equals("orders") && parts.length == 2 && !get) {
            return orders.one(ex, who);
        }
        if (route.equals("deposits") && parts.length == 2 && !get) {
            ObjectNode b = body(ex, Set.of("account", "amount", "e2eid"));
            access.requireAccount(who, text(b, "account", true), "account");
            String[] key = idempotency(ex, b);
            return engine.write(new MarketCommand.Deposit(text(b, "account", true), integer(b, "amount"),
                    b.has("e2eid") ? text(b, "e2eid", true) : MarketDefaults.apiDepositId(key[0]), key[0], key[1]));
        }
        if (route.equals("withdrawals") && parts.length == 2 && !get) {
            ObjectNode b = body(ex, Set.of("account", "amount", "pix_key", "withdrawal_id"));
            access.requireAccount(who, text(b, "account", true), "account");
            PixPayee payee = payees.registered(text(b, "account", true), b.has("pix_key") ? text(b, "pix_key", true) : null);
            if (b.has("pix_key")) {
                // the request hash is logged: hash the key's reference, never the key (a phone number is guessable)
                b.put("pix_key", payee.pixKeyRef());
            }
            String[] key = idempotency(ex, b);
            return engine.write(new MarketCommand.Withdraw(
                    b.has("withdrawal_id") ? text(b, "withdrawal_id", true) : MarketDefaults.withdrawalId(key[0]),
                    text(b, "account", true), integer(b, "amount"), payee, key[0], key[1]));
        }
        if (route.equals("liquidity") && parts.length == 2 && !get) {
            return liquidity(ex, who);
        }
        throw new IllegalStateException("Routes lists " + method + " " + path + " but no handler serves it");
    }

    /** POST /v2/accounts: an account a client onboards is bound to it in the same transaction that stores it (ADR 0312, 0323). */
    private CompletableFuture<Reply> onboard(ApiRequest ex, ApiAccess.Principal who) {
        String account = null;
        try {
            JsonNode n = ex.bodyTooLarge() ? null : CanonicalJson.readTree(ex.body());
            account = n != null && n.isObject() && n.path("account").isTextual() ? n.get("account").textValue() : null;
        } catch (IOException e) {
            // not JSON: the KYC desk answers MALFORMED_JSON
        }
        if (account != null && !who.admin() && access.boundElsewhere(who, account)) {
            access.requireAccount(who, account, "account");
        }
        // the ring may be a second behind the log: the binding is checked first and made last in the store transaction
        ApiAccess.Onboarding steps = access.onboarding(who);
        return kyc.onboard(ex, steps::first, steps::alongWith).thenApply(r -> {
            // a replay bound nothing now: the ring learns that binding from the log
            if (r.status() == 201 && !r.headers().containsKey("Idempotent-Replayed") && r.body() instanceof java.util.Map<?, ?> m
                    && m.get("account") instanceof String id) {
                access.onboarded(who, id);
            }
            return r;
        });
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> castMap(Object body) {
        return (java.util.Map<String, Object>) body;
    }

    private CompletableFuture<Reply> createMarket(ApiRequest ex) {
        ObjectNode b = body(ex, Set.of("market", "oracle_event", "outcomes", "fee_bps", "liquidity", "lp_account",
                "threshold", "opens_at", "closes_at", "e2eid"));
        List<String> outcomes = new ArrayList<>();
        JsonNode o = b.get("outcomes");
        if (o == null || !o.isArray()) {
            throw new ApiError(Reject.MISSING_FIELD, "outcomes", "outcomes: an array of outcome names is required");
        }
        o.forEach(n -> outcomes.add(n.asText()));
        String market = text(b, "market", true);
        return engine.write(MarketDefaults.createMarket(market, text(b, "oracle_event", true), outcomes,
                b.has("fee_bps") ? integer(b, "fee_bps") : null, text(b, "opens_at", false), text(b, "closes_at", false),
                text(b, "threshold", false), text(b, "lp_account", true), integer(b, "liquidity"),
                b.has("e2eid") ? text(b, "e2eid", true) : null));
    }

    private CompletableFuture<Reply> liquidity(ApiRequest ex, ApiAccess.Principal who) {
        ObjectNode b = body(ex, Set.of("market", "account", "action", "amount", "lp_shares"));
        access.requireAccount(who, text(b, "account", true), "account");
        String[] key = idempotency(ex, b);
        String action = b.has("action") ? text(b, "action", true) : "add";
        if ("add".equals(action)) {
            return engine.write(new MarketCommand.AddLiquidity(text(b, "market", true), text(b, "account", true),
                    integer(b, "amount"), key[0], key[1]));
        }
        if ("remove".equals(action)) {
            return engine.write(new MarketCommand.RemoveLiquidity(text(b, "market", true), text(b, "account", true),
                    integer(b, "lp_shares"), key[0], key[1]));
        }
        throw new ApiError(Reject.INVALID_FIELD, "action", "action: \"add\" or \"remove\", got \"" + action + "\"");
    }
}
