package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.apiclient.ApiKeyService;
import io.mbp.apiclient.RequestSignature;
import io.mbp.apiclient.Scope;
import io.mbp.privacy.LocalKekFile;
import io.mbp.privacy.Vault;
import io.mbp.sql.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication on the daemon (docs/api-auth.md): unsigned, stale, replayed, wrongly signed,
 * unknown, revoked and expired requests are refused with the catalogued codes and change nothing;
 * scopes and account binding hold; failed attempts lock the source out; public routes stay open.
 */
class DaemonAuthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] PASS = "auth test vault passphrase".toCharArray();
    private static final String ORDER = "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":1000}";

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-27T12:00:00Z"));
    /** A clock the test moves (a rotation's overlap ends). */
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private String url;
    private LocalKekFile kek;
    private Daemon daemon;
    private SigningClient admin;

    private void start() throws Exception {
        url = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        kek = LocalKekFile.create(tmp.resolve("vault-kek.json"), PASS, clock.instant());
        OperatorKey op = OperatorKey.provision(url, kek, clock);
        daemon = new Daemon(url, op.on(Daemon.Options.defaults(0)), clock);
        daemon.start();
        admin = op.client(daemon.port(), clock);
        assertEquals(201, admin.post("/v2/markets", "m1", "{\"market\":\"M\",\"oracle_event\":\"EV\",\"outcomes\":[\"YES\",\"NO\"],"
                + "\"liquidity\":100000,\"lp_account\":\"lp\",\"closes_at\":\"2026-11-28T00:00:00Z\"}").statusCode());
        assertEquals(201, admin.post("/v2/deposits", "d1", "{\"account\":\"ana\",\"amount\":50000}").statusCode());
        assertEquals(201, admin.post("/v2/deposits", "d2", "{\"account\":\"bia\",\"amount\":50000}").statusCode());
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private ApiKeyService keys(Database db) {
        return new ApiKeyService(db, new Vault(kek, clock), clock);
    }

    private ApiKeyService.Issued issue(String client, Scope... scopes) {
        try (Database db = Database.openMigrated(url)) {
            EnumSet<Scope> s = EnumSet.noneOf(Scope.class);
            s.addAll(java.util.List.of(scopes));
            return keys(db).create(client, s, "test");
        }
    }

    private SigningClient client(ApiKeyService.Issued k) {
        return new SigningClient("http://127.0.0.1:" + daemon.port(), k.keyId(), k.secret(), clock);
    }

    /** Waits for the daemon's key ring to pick up what `mbp api-keys` did (it refreshes every second). */
    private static void awaitStatus(java.util.concurrent.Callable<Integer> call, int status) throws Exception {
        int got = -1;
        for (int i = 0; i < 50 && got != status; i++) {
            got = call.call();
            if (got != status) {
                Thread.sleep(100);
            }
        }
        assertEquals(status, got);
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long logSize() throws Exception {
        return JSON.readTree(send("GET", "/v2/health", null, Map.of()).body()).get("log_size").asLong();
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(code, JSON.readTree(r.body()).get("error").get("code").asText(), r.body());
    }

    private Map<String, String> signed(String secret, String keyId, long ts, String method, String path, String body, String idem) {
        return Map.of(RequestSignature.KEY_ID, keyId, RequestSignature.TIMESTAMP, Long.toString(ts),
                RequestSignature.SIGNATURE, RequestSignature.sign(secret, ts, method, path, body.getBytes(StandardCharsets.UTF_8)),
                "Idempotency-Key", idem);
    }

    @Test
    void unsignedStaleWrongAndReplayedRequestsAreRefusedAndChangeNothing() throws Exception {
        start();
        ApiKeyService.Issued k = issue("acme", Scope.TRADE);
        try (Database db = Database.openMigrated(url)) {
            keys(db).bind("acme", "ana", "test");
        }
        long t = clock.instant().getEpochSecond();
        // each try signed anew (an earlier second): a try the ring refused while a second behind would make the same one a replay
        long[] tries = {0};
        awaitStatus(() -> send("POST", "/v2/orders", ORDER, signed(k.secret(), k.keyId(), t - tries[0]++, "POST", "/v2/orders", ORDER,
                "ok-1")).statusCode(), 201);
        long size = logSize();

        HttpResponse<String> unsigned = send("POST", "/v2/orders", ORDER, Map.of("Idempotency-Key", "u1"));
        assertError(unsigned, 401, "UNAUTHENTICATED");
        assertEquals("MBP-HMAC-SHA256", unsigned.headers().firstValue("WWW-Authenticate").orElse(""));
        assertError(send("GET", "/v2/accounts/ana", null, Map.of()), 401, "UNAUTHENTICATED");
        // the window is ±300 s: 301 s either way is refused, 300 s is not
        assertError(send("POST", "/v2/orders", ORDER, signed(k.secret(), k.keyId(), t - 301, "POST", "/v2/orders", ORDER, "s1")),
                401, "TIMESTAMP_OUT_OF_WINDOW");
        assertError(send("POST", "/v2/orders", ORDER, signed(k.secret(), k.keyId(), t + 301, "POST", "/v2/orders", ORDER, "s2")),
                401, "TIMESTAMP_OUT_OF_WINDOW");
        // signed with another secret, for another body, another path, or under a key that does not exist: one answer
        HttpResponse<String> wrong = send("POST", "/v2/orders", ORDER,
                signed("f".repeat(64), k.keyId(), t, "POST", "/v2/orders", ORDER, "w1"));
        assertError(wrong, 401, "UNAUTHENTICATED");
        HttpResponse<String> tampered = send("POST", "/v2/orders", ORDER.replace("1000", "9000"),
                signed(k.secret(), k.keyId(), t, "POST", "/v2/orders", ORDER, "w2"));
        assertError(tampered, 401, "UNAUTHENTICATED");
        HttpResponse<String> unknown = send("POST", "/v2/orders", ORDER,
                signed(k.secret(), "mbpk_0000000000000000", t, "POST", "/v2/orders", ORDER, "w3"));
        assertError(unknown, 401, "UNAUTHENTICATED");
        assertEquals(JSON.readTree(wrong.body()), JSON.readTree(unknown.body()), "an unknown key looks like a wrong signature");
        assertEquals(size, logSize(), "no refused request appended anything");

        // the same signed write again, even under a new Idempotency-Key, is a replay
        Map<String, String> once = signed(k.secret(), k.keyId(), t - 300, "POST", "/v2/orders", ORDER, "r1");
        assertEquals(201, send("POST", "/v2/orders", ORDER, once).statusCode());
        Map<String, String> again = new java.util.HashMap<>(once);
        again.put("Idempotency-Key", "r2");
        assertError(send("POST", "/v2/orders", ORDER, again), 401, "REQUEST_REPLAYED");
        assertError(send("POST", "/v2/orders", ORDER, once), 401, "REQUEST_REPLAYED");
        assertEquals(size + 1, logSize(), "the replayed order executed once");
    }

    @Test
    void scopesAndAccountBindingDecideWhatAClientMayDo() throws Exception {
        start();
        ApiKeyService.Issued reader = issue("acme-read", Scope.READ);
        ApiKeyService.Issued trader = issue("acme", Scope.READ, Scope.TRADE);
        try (Database db = Database.openMigrated(url)) {
            keys(db).bind("acme", "ana", "test");
            keys(db).bind("acme-read", "ana-view", "test");
        }
        SigningClient r = client(reader);
        SigningClient tr = client(trader);
        awaitStatus(() -> tr.get("/v2/accounts/ana").statusCode(), 200);
        // the bindings are events the engine follows when idle (every 200 ms): the size below is taken after it has
        long appended;
        try (Database db = Database.openMigrated(url)) {
            appended = db.read(dsl -> (long) dsl.fetchCount(io.mbp.sql.schema.Tables.EVENTS));
        }
        awaitStatus(() -> logSize() == appended ? 1 : 0, 1);
        long size = logSize();
        assertError(r.post("/v2/orders", "o1", ORDER), 403, "FORBIDDEN_SCOPE");
        assertError(tr.post("/v2/markets", "m2", "{\"market\":\"M2\",\"oracle_event\":\"EV\",\"outcomes\":[\"YES\",\"NO\"],"
                + "\"liquidity\":100000,\"lp_account\":\"lp\"}"), 403, "FORBIDDEN_SCOPE");
        // bia is not acme's: neither its orders nor its balance, and the answer does not say whose it is
        HttpResponse<String> notMine = tr.post("/v2/orders", "o2", ORDER.replace("ana", "bia"));
        assertError(notMine, 403, "ACCOUNT_NOT_BOUND");
        assertEquals("account", JSON.readTree(notMine.body()).get("error").get("field").asText());
        assertError(tr.get("/v2/accounts/bia"), 403, "ACCOUNT_NOT_BOUND");
        assertError(tr.get("/v2/accounts/nobody"), 403, "ACCOUNT_NOT_BOUND");
        assertError(tr.post("/v2/deposits", "d9", "{\"account\":\"bia\",\"amount\":1}"), 403, "ACCOUNT_NOT_BOUND");
        assertError(tr.post("/v2/liquidity", "l9", "{\"market\":\"M\",\"account\":\"bia\",\"amount\":1}"), 403, "ACCOUNT_NOT_BOUND");
        assertError(tr.post("/v2/withdrawals", "w9", "{\"account\":\"bia\",\"amount\":1}"), 403, "ACCOUNT_NOT_BOUND");
        // a batch (ADR 0155) is refused whole when one order is for an account not the client's, and needs trade
        HttpResponse<String> mixed = tr.post("/v2/orders/batch", "ob1", "{\"orders\":[" + ORDER + "," + ORDER.replace("ana", "bia") + "]}");
        assertError(mixed, 403, "ACCOUNT_NOT_BOUND");
        assertEquals("orders[1].account", JSON.readTree(mixed.body()).get("error").get("field").asText());
        assertError(r.post("/v2/orders/batch", "ob2", "{\"orders\":[" + ORDER + "]}"), 403, "FORBIDDEN_SCOPE");
        assertEquals(size, logSize());
        assertEquals(201, tr.post("/v2/orders", "o3", ORDER).statusCode());
        assertEquals(49_000, JSON.readTree(tr.get("/v2/accounts/ana").body()).get("cash").asLong());
        // public reads need no key and carry the quota headers of the caller's address
        HttpResponse<String> markets = send("GET", "/v2/markets", null, Map.of());
        assertEquals(200, markets.statusCode());
        assertTrue(markets.headers().firstValue("RateLimit-Remaining").isPresent(), markets.headers().toString());
        assertEquals(200, send("GET", "/v2/markets/M", null, Map.of()).statusCode());
    }

    @Test
    void aRotatedKeyVerifiesUntilItsOverlapEndsAndARevokedOneNoMore() throws Exception {
        start();
        ApiKeyService.Issued old = issue("acme", Scope.ADMIN);
        awaitStatus(() -> client(old).get("/v2/accounts/ana").statusCode(), 200);
        ApiKeyService.Issued next;
        try (Database db = Database.openMigrated(url)) {
            next = keys(db).rotate(old.keyId(), Duration.ofHours(1), "test");
        }
        assertNotEquals(old.secret(), next.secret());
        awaitStatus(() -> client(next).get("/v2/accounts/ana").statusCode(), 200);
        assertEquals(200, client(old).get("/v2/accounts/ana").statusCode(), "both verify during the overlap");
        now.set(now.get().plus(Duration.ofHours(1)));
        assertError(client(old).get("/v2/accounts/ana"), 401, "UNAUTHENTICATED");
        assertEquals(200, client(next).get("/v2/accounts/ana").statusCode());
        try (Database db = Database.openMigrated(url)) {
            keys(db).revoke(next.keyId(), "test");
            // every key action is a log event
            assertEquals(java.util.List.of("ApiClientRegistered", "ApiKeyCreated", "ApiClientRegistered", "ApiKeyCreated",
                    "ApiKeyCreated", "ApiKeyRotated", "ApiKeyRevoked"), db.read(dsl -> dsl.select(io.mbp.sql.schema.Tables.EVENTS.TYPE)
                    .from(io.mbp.sql.schema.Tables.EVENTS).where(io.mbp.sql.schema.Tables.EVENTS.TYPE.in(io.mbp.apiclient.ApiClientEvents.NAMES))
                    .orderBy(io.mbp.sql.schema.Tables.EVENTS.SEQ).fetch(io.mbp.sql.schema.Tables.EVENTS.TYPE)));
            String dump = db.read(dsl -> dsl.select(io.mbp.sql.schema.Tables.EVENTS.PAYLOAD).from(io.mbp.sql.schema.Tables.EVENTS)
                    .fetch(io.mbp.sql.schema.Tables.EVENTS.PAYLOAD).toString());
            assertTrue(!dump.contains(old.secret()) && !dump.contains(next.secret()), "no secret is ever logged");
        }
        awaitStatus(() -> client(next).get("/v2/accounts/ana").statusCode(), 401);
    }

    @Test
    void repeatedFailuresLockTheSourceOutWithRetryAfter() throws Exception {
        start();
        ApiKeyService.Issued k = issue("acme", Scope.ADMIN);
        awaitStatus(() -> client(k).get("/v2/accounts/ana").statusCode(), 200);
        long t = clock.instant().getEpochSecond();
        int locked = 0;
        String retry = null;
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> r = send("POST", "/v2/orders", ORDER, signed("0".repeat(64), "mbpk_guess" + i, t, "POST", "/v2/orders", ORDER, "g" + i));
            if (r.statusCode() == 429) {
                assertError(r, 429, "AUTH_LOCKED_OUT");
                retry = r.headers().firstValue("Retry-After").orElse(null);
                locked++;
            } else {
                assertError(r, 401, "UNAUTHENTICATED");
            }
        }
        assertTrue(locked >= 2, "locked " + locked);
        assertTrue(retry != null && Long.parseLong(retry) >= 1, "Retry-After " + retry);
        // while locked out even the right key is turned away from this address; public reads are not
        assertError(client(k).get("/v2/accounts/ana"), 429, "AUTH_LOCKED_OUT");
        assertEquals(200, send("GET", "/v2/health", null, Map.of()).statusCode());
    }

    @Test
    void aRequestSignedByAnIndependentImplementationIsAccepted() throws Exception {
        start();
        ApiKeyService.Issued k = issue("acme", Scope.ADMIN);
        awaitStatus(() -> client(k).get("/v2/accounts/ana").statusCode(), 200);
        long t = clock.instant().getEpochSecond();
        String path = "/v2/orders";
        // Python's standard library (hmac, hashlib) signs: none of our code is involved
        String sig = PythonSigner.sign(k.secret(), t, "POST", path, ORDER);
        assertEquals(64, sig.length());
        HttpResponse<String> r = send("POST", path, ORDER, Map.of(RequestSignature.KEY_ID, k.keyId(),
                RequestSignature.TIMESTAMP, Long.toString(t), RequestSignature.SIGNATURE, sig, "Idempotency-Key", "py-1"));
        assertEquals(201, r.statusCode(), r.body());
        JsonNode acct = JSON.readTree(client(k).get("/v2/accounts/ana").body());
        assertEquals(49_000, acct.get("cash").asLong());
        // and a GET with a query string and a percent-escape, signed as sent on the wire
        String get = "/v2/accounts/an%61?view=full";
        String gsig = PythonSigner.sign(k.secret(), t, "GET", get, "");
        HttpResponse<String> g = send("GET", get, null, Map.of(RequestSignature.KEY_ID, k.keyId(),
                RequestSignature.TIMESTAMP, Long.toString(t), RequestSignature.SIGNATURE, gsig));
        assertEquals(200, g.statusCode(), g.body());
    }
}
