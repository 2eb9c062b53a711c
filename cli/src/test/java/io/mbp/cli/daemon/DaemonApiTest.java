package io.mbp.cli.daemon;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The /v2 API in-process on a real H2 file: contract, bad input, idempotency, rate limits. */
class DaemonApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Daemon daemon;
    private String url;
    private OperatorKey key;
    private SigningClient api;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    void start(TestDatabase engine) throws Exception {
        url = engine.url("mbp");
        key = OperatorKey.provision(url, clock);
        daemon = new Daemon(url, key.on(new Daemon.Options(0, 500, 50_000, 5_000, 20_000, false, 8)), clock);
        daemon.start();
        api = key.client(daemon.port(), clock);
        post("/v2/markets", "m1", "{\"market\":\"M\",\"oracle_event\":\"EV\",\"outcomes\":[\"YES\",\"NO\"],\"fee_bps\":200,"
                + "\"liquidity\":100000,\"lp_account\":\"lp\",\"closes_at\":\"2026-11-28T00:00:00Z\"}");
        post("/v2/deposits", "d1", "{\"account\":\"ana\",\"amount\":50000}");
    }

    @AfterEach
    void stop() {
        if (daemon != null) { // null when the engine's run was skipped before the set-up
            daemon.close();
        }
    }

    private HttpResponse<String> post(String path, String idempotencyKey, String body) throws Exception {
        return api.post(path, idempotencyKey, body);
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(api.get(path).body());
    }

    private long logSize() {
        try {
            return get("/v2/health").get("log_size").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertError(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(code, JSON.readTree(r.body()).get("error").get("code").asText(), r.body());
    }

    @EveryEngine
    void anOrderIsFilledAndShowsInTheAccount(TestDatabase engine) throws Exception {
        start(engine);
        HttpResponse<String> r = post("/v2/orders", "o1",
                "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":10000,\"max_cost\":10000}");
        assertEquals(201, r.statusCode(), r.body());
        JsonNode o = JSON.readTree(r.body());
        assertEquals("ord-1", o.get("order_id").asText());
        assertEquals(10_000, o.get("cost").asLong());
        long shares = o.get("filled_shares").asLong();
        JsonNode acct = get("/v2/accounts/ana");
        assertEquals(40_000, acct.get("cash").asLong());
        assertEquals(shares, acct.get("positions").get("M").get("YES").asLong());
        HttpResponse<String> s = post("/v2/orders", "o2",
                "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"sell\",\"amount\":" + shares + ",\"min_return\":9000}");
        assertEquals(201, s.statusCode(), s.body());
        assertEquals("open", get("/v2/markets/M").get("status").asText());
    }

    @EveryEngine
    void theSameKeyNeverExecutesTwiceAndAnotherBodyIsRefused(TestDatabase engine) throws Exception {
        start(engine);
        String body = "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"NO\",\"side\":\"buy\",\"amount\":1000}";
        HttpResponse<String> a = post("/v2/orders", "same", body);
        long size = logSize();
        HttpResponse<String> b = post("/v2/orders", "same", "{ \"amount\":1000, \"side\":\"buy\",\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"NO\"}");
        assertEquals(a.body(), b.body());
        assertEquals("true", b.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(size, logSize());
        assertError(post("/v2/orders", "same", body.replace("1000", "1001")), 422, "IDEMPOTENCY_KEY_REUSED");
        assertError(post("/v2/orders", null, body), 400, "IDEMPOTENCY_KEY_REQUIRED");
        assertEquals(size, logSize());
    }

    @EveryEngine
    void badInputGetsTheCataloguedErrorAndChangesNothing(TestDatabase engine) throws Exception {
        start(engine);
        long size = logSize();
        assertError(post("/v2/orders", "b1", "{\"market\":"), 400, "MALFORMED_JSON");
        assertError(post("/v2/orders", "b2", "[1,2]"), 400, "MALFORMED_JSON");
        assertError(post("/v2/orders", "b3", "{\"market\":\"NOPE\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":5}"),
                404, "UNKNOWN_MARKET");
        assertError(post("/v2/orders", "b4", "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":-5}"),
                400, "INVALID_FIELD");
        assertError(post("/v2/orders", "b5", "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":0}"),
                400, "INVALID_FIELD");
        assertError(post("/v2/orders", "b6", "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":1.5}"),
                400, "INVALID_FIELD");
        assertError(post("/v2/orders", "b7", "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":\"5\"}"),
                400, "INVALID_FIELD");
        assertError(post("/v2/orders", "b8", "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":900000}"),
                409, "INSUFFICIENT_FUNDS");
        assertError(post("/v2/orders", "b9", "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\"}"),
                400, "MISSING_FIELD");
        assertError(post("/v2/orders", "b10", "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":5,\"price\":1}"),
                400, "INVALID_FIELD");
        // ana was never onboarded (KYC): no registered PIX key, no withdrawal (ADR 0703)
        assertError(post("/v2/withdrawals", "b11", "{\"account\":\"ana\",\"amount\":60000,\"pix_key\":\"ana@pix\"}"),
                422, "NOT_ONBOARDED");
        assertError(post("/v2/nothing", "b12", "{}"), 404, "NOT_FOUND");
        assertEquals(size, logSize());
        assertEquals(50_000, get("/v2/accounts/ana").get("cash").asLong());
    }

    @EveryEngine
    void ordersDuringAHardHaltAreRefused(TestDatabase engine) throws Exception {
        start(engine);
        post("/v2/deposits", "d2", "{\"account\":\"ana\",\"amount\":100000}");
        HttpResponse<String> r = post("/v2/orders", "h0",
                "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":110000}");
        assertEquals(201, r.statusCode(), r.body());
        JsonNode m = get("/v2/markets/M");
        assertEquals("hard", m.get("halt").asText(), m.toString());
        long size = logSize();
        assertError(post("/v2/orders", "h1", "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"NO\",\"side\":\"buy\",\"amount\":100}"),
                409, "MARKET_HALTED");
        assertEquals(size, logSize());
    }

    @EveryEngine
    void aRouteOverItsRateAnswers429WithRetryAfter(TestDatabase engine) throws Exception {
        start(engine);
        daemon.close();
        daemon = new Daemon(url, key.on(new Daemon.Options(0, 500, 3, 5_000, 20_000, false, 4)), clock);
        daemon.start();
        api = key.client(daemon.port(), clock);
        int limited = 0;
        String retry = null;
        // the ten orders leave together: sent one after another, each granted one waits for its durable commit
        // first, and on a loaded machine (load 30+) the bucket (3 a second) refilled between them
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(10);
        java.util.List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try {
            for (int i = 0; i < 10; i++) {
                String idem = "r" + i;
                sent.add(senders.submit(() -> {
                    go.await();
                    return post("/v2/orders", idem,
                            "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":100}");
                }));
            }
            go.countDown();
        } finally {
            senders.shutdown();
        }
        for (java.util.concurrent.Future<HttpResponse<String>> f : sent) {
            HttpResponse<String> r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            if (r.statusCode() == 429) {
                limited++;
                retry = r.headers().firstValue("Retry-After").orElse(null);
                assertEquals("RATE_LIMITED", JSON.readTree(r.body()).get("error").get("code").asText());
                assertEquals("0", r.headers().firstValue("RateLimit-Remaining").orElse(null), r.headers().toString());
            } else {
                // every limited answer states the quota: a burst of one second's rate (3), what is left, when it is full again
                assertEquals("3", r.headers().firstValue("RateLimit-Limit").orElse(null), r.headers().toString());
                assertTrue(r.headers().firstValue("RateLimit-Remaining").isPresent(), r.headers().toString());
                assertTrue(r.headers().firstValue("RateLimit-Reset").isPresent(), r.headers().toString());
            }
        }
        assertTrue(limited >= 5, "limited " + limited);
        assertTrue(retry != null && Long.parseLong(retry) >= 1);
    }

    @EveryEngine
    void ordersAfterCloseAreRefused(TestDatabase engine) throws Exception {
        start(engine);
        daemon.close();
        Clock later = Clock.fixed(Instant.parse("2026-11-28T00:00:01Z"), ZoneOffset.UTC);
        daemon = new Daemon(url, key.on(Daemon.Options.defaults(0)), later);
        daemon.start();
        api = key.client(daemon.port(), later);
        long size = logSize();
        assertError(post("/v2/orders", "c1", "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":100}"),
                409, "MARKET_CLOSED");
        assertEquals(size, logSize());
    }
}
