package io.mbp.cli.daemon;

import static io.mbp.cli.daemon.ApiBodies.integer;
import static io.mbp.cli.daemon.ApiBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketDefaults;
import io.mbp.market.MarketRejected;
import io.mbp.market.Reject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * POST /v2/orders and POST /v2/orders/batch (docs/adr/0155). A batch is up to {@link #MAX_ORDERS} orders
 * in one signed request, each an order exactly as POST /v2/orders takes it and decided on its own in
 * the same group commit: the answer is 200 with one result per order, in order, each the status and
 * body that order alone would have got. Order {@code i} is keyed {@code <Idempotency-Key>#<i>} with the
 * hash of its own canonical form, so a batch retried replays every order it carried, and one order of
 * it can be retried alone. A batch costs one order token per order. Anything wrong before the engine
 * (a field, an account the client may not use, a market another shard owns) refuses the whole batch,
 * naming {@code orders[i].field}, and nothing of it is decided.
 */
final class OrderRoutes {
    static final int MAX_ORDERS = 20;
    static final Set<String> ORDER_FIELDS = Set.of("market", "account", "outcome", "side", "amount", "max_cost", "min_shares",
            "min_return");
    /** Room for "#19" after the batch's key, so that each order's key is a valid key of its own. */
    static final int MAX_BATCH_KEY = ApiBodies.MAX_KEY - 1 - Integer.toString(MAX_ORDERS - 1).length();

    private final EngineLoop engine;
    private final RateLimiter limits;
    private final ShardGuard shard;
    private final ApiAccess access;

    OrderRoutes(EngineLoop engine, RateLimiter limits, ShardGuard shard, ApiAccess access) {
        this.engine = engine;
        this.limits = limits;
        this.shard = shard;
        this.access = access;
    }

    /** POST /v2/orders. */
    CompletableFuture<Reply> one(ApiRequest ex, ApiAccess.Principal who) {
        ObjectNode b = ApiBodies.body(ex, ORDER_FIELDS);
        String[] key = ApiBodies.idempotency(ex, b);
        return engine.write(place(b, who, key[0], key[1]));
    }

    /**
     * POST /v2/orders/batch; the route has taken one order token already ({@code quota} its headers),
     * the rest are taken here.
     */
    CompletableFuture<Reply> batch(ApiRequest ex, ApiAccess.Principal who, String principal, Map<String, String> quota) {
        ObjectNode b = ApiBodies.body(ex, Set.of("orders"));
        JsonNode orders = b.get("orders");
        if (orders == null || !orders.isArray() || orders.isEmpty()) {
            throw new ApiError(orders == null ? Reject.MISSING_FIELD : Reject.INVALID_FIELD, "orders",
                    "orders: an array of 1 to " + MAX_ORDERS + " orders, each as POST /v2/orders takes it");
        }
        if (orders.size() > MAX_ORDERS) {
            throw new ApiError(Reject.INVALID_FIELD, "orders", "orders: at most " + MAX_ORDERS + " per batch, got " + orders.size());
        }
        String key = ApiBodies.key(ex, MAX_BATCH_KEY);
        List<MarketCommand> commands = new ArrayList<>(orders.size());
        for (int i = 0; i < orders.size(); i++) {
            String at = "orders[" + i + "]";
            try {
                if (!orders.get(i).isObject()) {
                    throw new ApiError(Reject.INVALID_FIELD, null, "must be an order object, got " + orders.get(i));
                }
                ObjectNode o = ApiBodies.fields((ObjectNode) orders.get(i), ORDER_FIELDS);
                shard.check(text(o, "market", true));
                commands.add(place(o, who, key + "#" + i, ApiBodies.requestHash(o)));
            } catch (ApiError e) {
                throw new ApiError(e.code, within(at, e.field), within(at, e.field, e.getMessage()), e.headers);
            } catch (MarketRejected e) {
                throw new ApiError(e.code(), within(at, e.field()), within(at, e.field(), e.getMessage()));
            }
        }
        Map<String, String> headers = orders.size() == 1 ? quota : limits.takeMore(principal, "orders", orders.size() - 1);
        return engine.writeAll(commands, replies -> results(key, replies)).thenApply(r -> new Reply(r.status(), r.body(), headers));
    }

    /** {@code orders[i].field}, or {@code orders[i]} for an error of the whole order. */
    private static String within(String at, String field) {
        return field == null ? at : at + "." + field;
    }

    /** The message with its order in front: "orders[1].amount: required", "orders[1]: this client may not act ...". */
    private static String within(String at, String field, String message) {
        return field != null && (message.startsWith(field + ":") || message.startsWith(field + " ")) ? at + "." + message : at + ": " + message;
    }

    private MarketCommand.PlaceOrder place(ObjectNode b, ApiAccess.Principal who, String key, String requestHash) {
        String side = text(b, "side", true);
        long limit = MarketDefaults.orderLimit(side, b::has, f -> integer(b, f));
        String account = text(b, "account", true);
        access.requireAccount(who, account, "account");
        return new MarketCommand.PlaceOrder(text(b, "market", true), account, text(b, "outcome", true), side, integer(b, "amount"), limit,
                key, requestHash);
    }

    /** The batch's answer: each order's own, as {"index", "idempotency_key", "status", "order" | "error", "replayed"?}. */
    static Reply results(String key, List<Reply> each) {
        List<Map<String, Object>> results = new ArrayList<>(each.size());
        for (int i = 0; i < each.size(); i++) {
            Reply r = each.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", i);
            m.put("idempotency_key", key + "#" + i);
            m.put("status", r.status());
            if (r.status() / 100 == 2) {
                m.put("order", r.body());
                if (r.headers().containsKey("Idempotent-Replayed")) {
                    m.put("replayed", true);
                }
            } else {
                m.put("error", ((Map<?, ?>) r.body()).get("error"));
            }
            results.add(m);
        }
        return new Reply(200, Map.of("results", results));
    }
}
