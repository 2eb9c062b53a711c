package io.mbp.cli.daemon;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19, defect 8: 404 vs 405, bad escapes answered in the API's JSON, and real slippage limits. */
class DaemonRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private Daemon daemon;
    private SigningClient api;

    void start(TestDatabase engine) throws Exception {
        OperatorKey key = OperatorKey.provision(engine.url("mbp"), clock);
        daemon = new Daemon(engine.url("mbp"), key.on(Daemon.Options.defaults(0)), clock);
        daemon.start();
        api = key.client(daemon.port(), clock);
        assertEquals(201, send("POST", "/v2/markets", "m1", "{\"market\":\"M\",\"oracle_event\":\"EV\",\"outcomes\":[\"YES\",\"NO\"],"
                + "\"fee_bps\":200,\"liquidity\":100000,\"lp_account\":\"lp\",\"closes_at\":\"2026-11-28T00:00:00Z\"}").statusCode());
        assertEquals(201, send("POST", "/v2/deposits", "d1", "{\"account\":\"ana\",\"amount\":50000}").statusCode());
    }

    @AfterEach
    void stop() {
        if (daemon != null) { // null when the engine's run was skipped before the set-up
            daemon.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = api.request(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.request().method() + " " + r.uri() + ": " + r.body());
        assertEquals(code, JSON.readTree(r.body()).get("error").get("code").asText(), r.body());
    }

    private long logSize() throws Exception {
        return JSON.readTree(send("GET", "/v2/health", null, null).body()).get("log_size").asLong();
    }

    @EveryEngine
    void unknownResourcesAre404AndKnownOnesWithTheWrongMethod405(TestDatabase engine) throws Exception {
        start(engine);
        for (String path : new String[] {"/v2/nothing", "/v2/markets/M/extra", "/v2/kyc", "/v2/kyc/x", "/v2/health/x", "/v2/orders/1", "/v3/health",
            "/", "/v2"}) {
            assertError(send("GET", path, null, null), 404, "NOT_FOUND");
            assertError(send("DELETE", path, "k", null), 404, "NOT_FOUND");
            assertError(send("POST", path, "k", "{}"), 404, "NOT_FOUND");
        }
        HttpResponse<String> r = send("DELETE", "/v2/orders", "k", null);
        assertError(r, 405, "METHOD_NOT_ALLOWED");
        assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
        assertError(send("GET", "/v2/orders", null, null), 405, "METHOD_NOT_ALLOWED");
        assertError(send("POST", "/v2/health", "k", "{}"), 405, "METHOD_NOT_ALLOWED");
        assertError(send("POST", "/v2/accounts/ana", "k", "{}"), 405, "METHOD_NOT_ALLOWED");
        assertEquals("POST", send("GET", "/v2/accounts", null, null).headers().firstValue("Allow").orElse(""));
        assertError(send("GET", "/v2/kyc/callbacks", null, null), 405, "METHOD_NOT_ALLOWED");
        assertEquals(200, send("GET", "/v2/markets/M", null, null).statusCode());
    }

    /** Raw, because java.net.URI refuses a bad escape before it is sent. */
    private static String raw(int port, String requestLine) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @EveryEngine
    void aBadPercentEscapeGetsTheCataloguedJsonError(TestDatabase engine) throws Exception {
        start(engine);
        for (String line : new String[] {"GET /v2/accounts/%zz HTTP/1.1", "GET /v2/markets/%E0%A4%A HTTP/1.1", "GET /v2/%%% HTTP/1.1"}) {
            String response = raw(daemon.port(), line);
            assertTrue(response.startsWith("HTTP/1.1 400"), line + " -> " + response);
            assertTrue(response.toLowerCase().contains("content-type: application/json"), response);
            JsonNode body = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertEquals("MALFORMED_REQUEST", body.get("error").get("code").asText(), response);
        }
        // a good escape still works
        assertEquals(200, send("GET", "/v2/accounts/an%61", null, null).statusCode());
    }

    private static final String BUY = "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":10000";

    @EveryEngine
    void maxCostOfZeroOrLessIsRefusedNotFilled(TestDatabase engine) throws Exception {
        start(engine);
        long size = logSize();
        assertError(send("POST", "/v2/orders", "z1", BUY + ",\"max_cost\":0}"), 400, "INVALID_FIELD");
        assertError(send("POST", "/v2/orders", "z2", BUY + ",\"max_cost\":-1}"), 400, "INVALID_FIELD");
        assertError(send("POST", "/v2/orders", "z3", BUY + ",\"min_shares\":0}"), 400, "INVALID_FIELD");
        assertEquals(size, logSize());
    }

    @EveryEngine
    void aBuysMinSharesBindsWhenThePriceMovedAgainstIt(TestDatabase engine) throws Exception {
        start(engine);
        // quote: what 10000 centavos buy now
        HttpResponse<String> first = send("POST", "/v2/orders", "q1", BUY + "}");
        assertEquals(201, first.statusCode(), first.body());
        long sharesAtFirstPrice = JSON.readTree(first.body()).get("filled_shares").asLong();
        // the same buy again, expecting the old price: YES is dearer now, so fewer shares -> refused
        long size = logSize();
        HttpResponse<String> slipped = send("POST", "/v2/orders", "q2", BUY + ",\"min_shares\":" + sharesAtFirstPrice + "}");
        assertError(slipped, 409, "SLIPPAGE_EXCEEDED");
        assertEquals("min_shares", JSON.readTree(slipped.body()).get("error").get("field").asText());
        assertEquals(size, logSize());
        // a limit the fill meets is honoured
        HttpResponse<String> ok = send("POST", "/v2/orders", "q3", BUY + ",\"min_shares\":" + sharesAtFirstPrice / 2 + "}");
        assertEquals(201, ok.statusCode(), ok.body());
        assertTrue(JSON.readTree(ok.body()).get("filled_shares").asLong() >= sharesAtFirstPrice / 2);
        // min_shares is a buy's limit, min_return a sell's
        assertError(send("POST", "/v2/orders", "q4", "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"sell\","
                + "\"amount\":100,\"min_shares\":1}"), 400, "INVALID_FIELD");
    }
}
