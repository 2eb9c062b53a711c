package io.mbp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wrk-signed.lua signs as docs/api-auth.md says (checked here with the Java signer the daemon's own tests
 * trust), and never sends one write twice: wrk against a recording server on 127.0.0.1.
 */
class WrkLoadTest {
    private static final byte[] SECRET = "3f6c1a9e8b7d2c4f5a6e7d8c9b0a1f2e3d4c5b6a79881726354433221100ffee".getBytes(StandardCharsets.UTF_8);
    private static final String KEY_ID = "mbpk_0123456789abcdef";
    /** A warm-up run's kind of prefix (BenchDaemonCommand), not the measured run's "w". */
    private static final String KEY_PREFIX = "u2x";

    @TempDir
    Path tmp;

    record Seen(String method, String path, String keyId, String ts, String signature, String idempotencyKey, byte[] body) { }

    @BeforeEach
    void needsWrk() {
        Assumptions.assumeTrue(WrkLoad.find().isPresent(), "no wrk on PATH: scripts/test installs it (scripts/wrk)");
    }

    @Test
    void everyOrderIsSignedAsTheDocsSayAndSentOnce() throws Exception {
        ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        long t0 = System.currentTimeMillis() / 1000;
        WrkLoad.Outcome o = record(seen, "POST", "/v2/orders", 3);
        long t1 = System.currentTimeMillis() / 1000;
        assertTrue(o.answered() > 100 && o.errors() == 0 && seen.size() >= o.answered(), o + " / " + seen.size());
        RequestSigner signer = RequestSigner.hmac(KEY_ID, SECRET);
        ObjectMapper json = new ObjectMapper();
        Set<String> signed = new HashSet<>();
        Set<String> keys = new HashSet<>();
        Set<String> accounts = new HashSet<>();
        for (Seen s : seen) {
            assertEquals("POST /v2/orders " + KEY_ID, s.method() + " " + s.path() + " " + s.keyId());
            long ts = Long.parseLong(s.ts());
            assertTrue(ts >= t0 && ts <= t1, "signed at the time of sending: " + ts);
            assertEquals(signer.headers(ts, "POST", "/v2/orders", s.body()).get("MBP-Signature"), s.signature(), "HMAC over the body as sent");
            assertTrue(signed.add(s.ts() + " " + s.signature()), "a write sent twice (the daemon answers REQUEST_REPLAYED): " + s);
            assertTrue(keys.add(s.idempotencyKey()), "idempotency key reused: " + s.idempotencyKey());
            assertTrue(s.idempotencyKey().matches(KEY_PREFIX + "[0-2]-[0-9]+"), "the run's prefix, the client, its order: " + s.idempotencyKey());
            JsonNode order = json.readTree(s.body());
            accounts.add(order.get("account").asText());
            assertTrue(order.get("market").asText().startsWith("BENCH-") && order.get("amount").asLong() >= 1_000, order.toString());
        }
        assertEquals(Set.of("acct-0", "acct-1", "acct-2"), accounts, "each client's orders, from both wrk threads");
    }

    /** `bench daemon --batch 4` (ADR 0155): each body is a batch of one client's next four orders, signed as sent. */
    @Test
    void aBatchCarriesOneClientsNextOrdersSignedOverTheWholeBody() throws Exception {
        ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        WrkLoad.Outcome o = record(seen, "POST", "/v2/orders/batch", 3, 4);
        assertTrue(o.answered() > 100 && o.errors() == 0, o.toString());
        RequestSigner signer = RequestSigner.hmac(KEY_ID, SECRET);
        ObjectMapper json = new ObjectMapper();
        Set<String> keys = new HashSet<>();
        for (Seen s : seen) {
            assertEquals(signer.headers(Long.parseLong(s.ts()), "POST", "/v2/orders/batch", s.body()).get("MBP-Signature"), s.signature());
            assertTrue(keys.add(s.idempotencyKey()), "idempotency key reused: " + s.idempotencyKey());
            assertTrue(s.idempotencyKey().matches(KEY_PREFIX + "[0-2]-[0-9]+"), "the run's prefix, the client, its order: " + s.idempotencyKey());
            JsonNode orders = json.readTree(s.body()).get("orders");
            assertEquals(4, orders.size(), new String(s.body(), StandardCharsets.UTF_8));
            for (int j = 1; j < 4; j++) {
                assertEquals(orders.get(0).get("account"), orders.get(j).get("account"));
                // the i-th order's amount is 1000 + i % 500: a batch carries consecutive orders
                assertEquals((orders.get(0).get("amount").asLong() - 1_000 + j) % 500, orders.get(j).get("amount").asLong() - 1_000);
            }
        }
    }

    @Test
    void aReadIsSignedOverTheEmptyBody() throws Exception {
        ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        WrkLoad.Outcome o = record(seen, "GET", "/v2/noop", 2);
        assertTrue(o.answered() > 100, o.toString());
        RequestSigner signer = RequestSigner.hmac(KEY_ID, SECRET);
        for (Seen s : seen) {
            assertEquals(0, s.body().length);
            assertEquals(null, s.idempotencyKey());
            assertEquals(signer.headers(Long.parseLong(s.ts()), "GET", "/v2/noop", new byte[0]).get("MBP-Signature"), s.signature());
        }
    }

    private WrkLoad.Outcome record(ConcurrentLinkedQueue<Seen> seen, String method, String path, int clients) throws Exception {
        return record(seen, method, path, clients, 1);
    }

    private WrkLoad.Outcome record(ConcurrentLinkedQueue<Seen> seen, String method, String path, int clients, int perRequest) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", (HttpExchange x) -> {
            byte[] body = x.getRequestBody().readAllBytes();
            var h = x.getRequestHeaders();
            seen.add(new Seen(x.getRequestMethod(), x.getRequestURI().toString(), h.getFirst("MBP-Key-Id"), h.getFirst("MBP-Timestamp"),
                    h.getFirst("MBP-Signature"), h.getFirst("Idempotency-Key"), body));
            try {
                Thread.sleep(1); // a daemon's pace, not an instant answer: one client stays far below the 32,000
            } catch (InterruptedException e) { // orders a second after which its bodies, and so its signatures, repeat
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders("GET".equals(x.getRequestMethod()) ? 200 : 201, -1);
            x.close();
        });
        server.start();
        try {
            return WrkLoad.onPath().run(server.getAddress().getPort(), 1, method, path,
                    new WrkLoad.Signing(KEY_ID, SECRET, clients, 64, perRequest, tmp), KEY_PREFIX);
        } finally {
            server.stop(0);
        }
    }
}
