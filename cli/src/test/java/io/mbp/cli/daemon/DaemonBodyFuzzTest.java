package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.market.Reject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the API's request bodies through an in-process daemon on 127.0.0.1 and a real H2 file
 * (docs/security.md), so the daemon's own parsing and the engine behind it are reached exactly as
 * a client reaches them. An input is {@code <route> <Idempotency-Key>\n<body>}; the route is one of
 * the POST routes, {@code orders/batch} among them (an unknown one is mapped onto them). Every answer must be a catalogued JSON
 * error or a success: never a 500, never "storage unavailable" on a healthy local file, and the
 * daemon must not stop itself over an invariant.
 */
class DaemonBodyFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ROUTES = List.of("markets", "orders", "orders/batch", "deposits", "withdrawals",
            "liquidity");
    private static final Set<String> CATALOGUE = Arrays.stream(Reject.values()).map(Enum::name).collect(Collectors.toSet());
    private static final Set<Reject> NOT_FOR_BAD_INPUT = EnumSet.of(Reject.STORAGE_UNAVAILABLE, Reject.SHUTTING_DOWN);

    private static Path dir;
    private static Daemon daemon;
    private static HttpClient http;
    private static SigningClient api;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("mbp-fuzz-daemon");
        String url = "jdbc:h2:file:" + dir.resolve("mbp").toAbsolutePath();
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
        // Rate limits out of the way: the fuzzer sends as fast as it can and 429s would hide the engine.
        OperatorKey key = OperatorKey.provision(url, clock);
        daemon = new Daemon(url, key.on(new Daemon.Options(0, 500, 1e9, 1e9, 1e9, false, 4)), clock);
        daemon.start();
        api = key.client(daemon.port(), clock);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        send("markets", "seed-m", "{\"market\":\"M\",\"oracle_event\":\"EV\",\"outcomes\":[\"YES\",\"NO\"],\"fee_bps\":200,"
                + "\"liquidity\":100000,\"lp_account\":\"lp\",\"closes_at\":\"2026-11-28T00:00:00Z\"}");
        send("deposits", "seed-d1", "{\"account\":\"ana\",\"amount\":50000,\"e2eid\":\"E-SEED-1\"}");
        send("deposits", "seed-d2", "{\"account\":\"bob\",\"amount\":50000,\"e2eid\":\"E-SEED-2\"}");
    }

    @AfterAll
    static void stop() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static HttpResponse<String> send(String route, String key, String body) throws Exception {
        return send(route, key, body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(String route, String key, byte[] body) throws Exception {
        HttpRequest.Builder b = api.request("POST", "/v2/" + route, body).timeout(Duration.ofSeconds(40))
                .header("Content-Type", "application/json");
        if (!key.isEmpty()) {
            b.header("Idempotency-Key", key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @FuzzTest(maxDuration = "1m")
    void post(byte[] input) throws Exception {
        int nl = indexOf(input, (byte) '\n');
        String head = new String(input, 0, nl < 0 ? input.length : nl, StandardCharsets.ISO_8859_1);
        byte[] body = nl < 0 ? new byte[0] : Arrays.copyOfRange(input, nl + 1, input.length);
        int sp = head.indexOf(' ');
        String route = sp < 0 ? head : head.substring(0, sp);
        if (!ROUTES.contains(route)) {
            route = ROUTES.get(Math.floorMod(route.hashCode(), ROUTES.size()));
        }
        // A header value the HTTP client can send at all: visible ASCII (the HTTP layer is not fuzzed here).
        String key = (sp < 0 ? "" : head.substring(sp + 1)).chars().filter(c -> c > 0x20 && c < 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        HttpResponse<String> r = send(route, key, body);
        String why = route + " " + key + " -> " + r.statusCode() + " " + r.body();
        assertTrue(r.statusCode() < 500 || r.statusCode() == 503 && !r.body().contains("STORAGE_UNAVAILABLE"), why);
        JsonNode answer = JSON.readTree(r.body());
        if (r.statusCode() >= 400) {
            String code = answer.path("error").path("code").asText();
            assertTrue(CATALOGUE.contains(code), why);
            assertTrue(!NOT_FOR_BAD_INPUT.contains(Reject.valueOf(code)), why);
        } else if (route.equals("orders/batch")) {
            // each order's own result (ADR 0155): a success or a catalogued error, never one a healthy store cannot give
            assertEquals(200, r.statusCode(), why);
            for (JsonNode result : answer.get("results")) {
                int status = result.get("status").asInt();
                assertTrue(status == 201 || status >= 400 && status < 500 && CATALOGUE.contains(result.path("error").path("code").asText()), why);
            }
        } else {
            assertEquals(201, r.statusCode(), why);
        }
        assertNull(daemon.fatalReason(), why);
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
