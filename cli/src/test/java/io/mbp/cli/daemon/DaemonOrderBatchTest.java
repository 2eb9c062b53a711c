package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * POST /v2/orders/batch (docs/adr/0155) on a real database: each order decided on its own in one group
 * commit and answered in order; order i keyed {@code <key>#<i>}, so a batch retried replays and one of its
 * orders retried alone replays too; a bad order refuses the whole batch naming {@code orders[i]}; a batch
 * costs one order token per order.
 */
class DaemonOrderBatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    private Daemon daemon;
    private OperatorKey key;
    private SigningClient api;
    private String url;

    private void start(TestDatabase engine, double ordersPerSecond) throws Exception {
        url = engine.url("mbp");
        key = OperatorKey.provision(url, clock);
        daemon = new Daemon(url, key.on(new Daemon.Options(0, 500, ordersPerSecond, 5_000, 20_000, false, 8)), clock);
        daemon.start();
        api = key.client(daemon.port(), clock);
        assertEquals(201, api.post("/v2/markets", "m1", "{\"market\":\"M\",\"oracle_event\":\"EV\",\"outcomes\":[\"YES\",\"NO\"],"
                + "\"fee_bps\":200,\"liquidity\":100000,\"lp_account\":\"lp\",\"closes_at\":\"2026-11-28T00:00:00Z\"}").statusCode());
        assertEquals(201, api.post("/v2/deposits", "d1", "{\"account\":\"ana\",\"amount\":50000}").statusCode());
        assertEquals(201, api.post("/v2/deposits", "d2", "{\"account\":\"bia\",\"amount\":3000}").statusCode());
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static String order(String account, String outcome, long amount) {
        return "{\"market\":\"M\",\"account\":\"" + account + "\",\"outcome\":\"" + outcome + "\",\"side\":\"buy\",\"amount\":" + amount + "}";
    }

    private static String batch(String... orders) {
        return "{\"orders\":[" + String.join(",", orders) + "]}";
    }

    private long logSize() throws Exception {
        return JSON.readTree(api.get("/v2/health").body()).get("log_size").asLong();
    }

    private long cash(String account) throws Exception {
        return JSON.readTree(api.get("/v2/accounts/" + account).body()).get("cash").asLong();
    }

    private static JsonNode refused(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertEquals(code, e.get("code").asText(), r.body());
        return e;
    }

    @EveryEngine
    void eachOrderIsDecidedOnItsOwnAndAnsweredInOrder(TestDatabase engine) throws Exception {
        start(engine, 50_000);
        long size = logSize();
        HttpResponse<String> r = api.post("/v2/orders/batch", "b1",
                batch(order("ana", "YES", 1000), order("bia", "NO", 5000), order("ana", "NO", 2000)));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("50000", r.headers().firstValue("RateLimit-Limit").orElse(null), r.headers().toString());
        JsonNode results = JSON.readTree(r.body()).get("results");
        assertEquals(3, results.size(), r.body());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, results.get(i).get("index").asInt());
            assertEquals("b1#" + i, results.get(i).get("idempotency_key").asText());
        }
        assertEquals(201, results.get(0).get("status").asInt(), r.body());
        assertEquals(1000, results.get(0).get("order").get("cost").asLong());
        // bia has 3,000 centavos: her order alone is refused, as POST /v2/orders would refuse it
        assertEquals(409, results.get(1).get("status").asInt(), r.body());
        assertEquals("INSUFFICIENT_FUNDS", results.get(1).get("error").get("code").asText(), r.body());
        assertEquals(201, results.get(2).get("status").asInt(), r.body());
        assertEquals("NO", results.get(2).get("order").get("outcome").asText());
        assertFalse(results.get(0).has("replayed"));
        assertEquals(47_000, cash("ana"));
        assertEquals(3_000, cash("bia"));
        long after = logSize();
        assertTrue(after > size, "the two fills are logged");
        List<String> ids = new ArrayList<>();
        results.forEach(x -> ids.add(x.path("order").path("order_id").asText("")));

        // the same batch again (another order of fields inside an order is the same order): every order replayed, nothing logged
        HttpResponse<String> again = api.post("/v2/orders/batch", "b1", batch("{\"amount\":1000,\"side\":\"buy\",\"outcome\":\"YES\","
                + "\"account\":\"ana\",\"market\":\"M\"}", order("bia", "NO", 5000), order("ana", "NO", 2000)));
        assertEquals(200, again.statusCode(), again.body());
        JsonNode replayed = JSON.readTree(again.body()).get("results");
        assertTrue(replayed.get(0).get("replayed").asBoolean(), again.body());
        assertEquals(ids.get(0), replayed.get(0).get("order").get("order_id").asText());
        assertEquals(ids.get(2), replayed.get(2).get("order").get("order_id").asText());
        assertEquals(after, logSize());
        assertEquals(47_000, cash("ana"));

        // one order of the batch retried alone, under its own key, is the same order
        HttpResponse<String> alone = api.post("/v2/orders", "b1#2", order("ana", "NO", 2000));
        assertEquals(201, alone.statusCode(), alone.body());
        assertEquals("true", alone.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(ids.get(2), JSON.readTree(alone.body()).get("order_id").asText());
        // the key with another order is refused for that order only; the others replay
        HttpResponse<String> changed = api.post("/v2/orders/batch", "b1",
                batch(order("ana", "YES", 1000), order("bia", "NO", 5000), order("ana", "NO", 2001)));
        JsonNode c = JSON.readTree(changed.body()).get("results");
        assertEquals(201, c.get(0).get("status").asInt(), changed.body());
        assertEquals("IDEMPOTENCY_KEY_REUSED", c.get(2).get("error").get("code").asText(), changed.body());
        assertEquals(after, logSize());

        // the keys are in the log: after a restart the batch still replays, order by order
        daemon.close();
        daemon = new Daemon(url, key.on(new Daemon.Options(0, 500, 50_000, 5_000, 20_000, false, 8)), clock);
        daemon.start();
        api = key.client(daemon.port(), clock);
        JsonNode restarted = JSON.readTree(api.post("/v2/orders/batch", "b1", batch(order("ana", "YES", 1000), order("bia", "NO", 5000),
                order("ana", "NO", 2000))).body()).get("results");
        assertEquals(ids.get(0), restarted.get(0).get("order").get("order_id").asText(), restarted.toString());
        assertTrue(restarted.get(2).get("replayed").asBoolean(), restarted.toString());
        assertEquals(after, logSize());
        assertEquals(47_000, cash("ana"));
    }

    /** --max-batch counts commands, not requests: a group commit of at most 4 still serves batches of 3 whole. */
    @EveryEngine
    void aGroupCommitHoldsWholeBatchesWithinMaxBatchCommands(TestDatabase engine) throws Exception {
        start(engine, 50_000);
        daemon.close();
        daemon = new Daemon(url, key.on(new Daemon.Options(0, 4, 50_000, 5_000, 20_000, false, 8)), clock);
        daemon.start();
        api = key.client(daemon.port(), clock);
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(6);
        List<java.util.concurrent.Future<HttpResponse<String>>> sent = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            String idem = "g" + k;
            sent.add(senders.submit(() -> api.post("/v2/orders/batch", idem, batch(order("ana", "YES", 100), order("ana", "NO", 100),
                    order("ana", "YES", 100)))));
        }
        senders.shutdown();
        for (java.util.concurrent.Future<HttpResponse<String>> f : sent) {
            JsonNode results = JSON.readTree(f.get(60, java.util.concurrent.TimeUnit.SECONDS).body()).get("results");
            results.forEach(x -> assertEquals(201, x.get("status").asInt(), results.toString()));
        }
        assertEquals(50_000 - 18 * 100, cash("ana"));
        JsonNode health = JSON.readTree(api.get("/v2/health").body());
        // 18 orders in commits of at most 4 commands, whole batches of 3 only: one batch per commit
        assertEquals(18, health.get("commands_committed").asLong(), health.toString());
        assertEquals(6, health.get("group_commits").asLong(), health.toString());
    }

    @EveryEngine
    void aBadOrderRefusesTheWholeBatchNamingItAndNothingIsDecided(TestDatabase engine) throws Exception {
        start(engine, 50_000);
        long size = logSize();
        JsonNode e = refused(api.post("/v2/orders/batch", "x1", batch(order("ana", "YES", 1000), order("ana", "YES", 5).replace("5}", "\"5\"}"))), 400,
                "INVALID_FIELD");
        assertEquals("orders[1].amount", e.get("field").asText(), e.toString());
        assertTrue(e.get("message").asText().startsWith("orders[1].amount: "), e.toString());
        e = refused(api.post("/v2/orders/batch", "x2", batch(order("ana", "YES", 1000), "{\"market\":\"M\",\"account\":\"ana\"}")), 400,
                "MISSING_FIELD");
        assertEquals("orders[1].side", e.get("field").asText(), e.toString());
        e = refused(api.post("/v2/orders/batch", "x3", batch(order("ana", "YES", 1000).replace("}", ",\"price\":3}"))), 400,
                "INVALID_FIELD");
        assertEquals("orders[0].price", e.get("field").asText(), e.toString());
        assertEquals("orders[0]", refused(api.post("/v2/orders/batch", "x4", batch("7")), 400, "INVALID_FIELD").get("field").asText());
        assertEquals("orders", refused(api.post("/v2/orders/batch", "x5", "{\"orders\":[]}"), 400, "INVALID_FIELD").get("field").asText());
        assertEquals("orders", refused(api.post("/v2/orders/batch", "x6", "{}"), 400, "MISSING_FIELD").get("field").asText());
        String[] many = new String[OrderRoutes.MAX_ORDERS + 1];
        java.util.Arrays.fill(many, order("ana", "YES", 100));
        e = refused(api.post("/v2/orders/batch", "x7", batch(many)), 400, "INVALID_FIELD");
        assertTrue(e.get("message").asText().contains("at most " + OrderRoutes.MAX_ORDERS), e.toString());
        refused(api.post("/v2/orders/batch", null, batch(order("ana", "YES", 1000))), 400, "IDEMPOTENCY_KEY_REQUIRED");
        // each order's key (<key>#<index>) must itself be a valid key
        e = refused(api.post("/v2/orders/batch", "k".repeat(OrderRoutes.MAX_BATCH_KEY + 1), batch(order("ana", "YES", 1000))), 400,
                "INVALID_FIELD");
        assertEquals("Idempotency-Key", e.get("field").asText());
        refused(api.post("/v2/orders/batch", "x8", "{\"orders\":"), 400, "MALFORMED_JSON");
        assertEquals(405, api.get("/v2/orders/batch").statusCode());
        assertEquals(size, logSize());
        assertEquals(50_000, cash("ana"));
        // the longest key allowed works, and its last order's key is a valid key of its own
        String longest = "k".repeat(OrderRoutes.MAX_BATCH_KEY);
        assertEquals(200, api.post("/v2/orders/batch", longest, batch(java.util.Arrays.copyOf(many, OrderRoutes.MAX_ORDERS)))
                .statusCode());
        HttpResponse<String> last = api.post("/v2/orders", longest + "#" + (OrderRoutes.MAX_ORDERS - 1), order("ana", "YES", 100));
        assertEquals("true", last.headers().firstValue("Idempotent-Replayed").orElse(""), last.body());
    }

    @EveryEngine
    void aBatchCostsOneOrderTokenPerOrder(TestDatabase engine) throws Exception {
        start(engine, 5);
        // five tokens a second, a burst of five: a batch of six can never pass, and says so instead of 429
        String[] six = new String[6];
        java.util.Arrays.fill(six, order("ana", "YES", 100));
        JsonNode e = refused(api.post("/v2/orders/batch", "t1", batch(six)), 400, "INVALID_FIELD");
        assertTrue(e.get("message").asText().contains("needs 6 tokens"), e.toString());
        HttpResponse<String> four = api.post("/v2/orders/batch", "t2", batch(java.util.Arrays.copyOf(six, 4)));
        assertEquals(200, four.statusCode(), four.body());
        long size = logSize();
        // t1 spent one token before it was refused, t2 four: five more need the whole burst, a second after t2 at least
        HttpResponse<String> limited = api.post("/v2/orders/batch", "t3", batch(java.util.Arrays.copyOf(six, 5)));
        refused(limited, 429, "RATE_LIMITED");
        assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElse("0")) >= 1, limited.headers().toString());
        assertEquals(size, logSize(), "nothing of the limited batch was decided");
        assertEquals(50_000 - 4 * 100, cash("ana"));
    }
}
