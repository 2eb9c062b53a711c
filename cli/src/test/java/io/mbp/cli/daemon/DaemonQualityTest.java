package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.CliClock;
import io.mbp.cli.testing.Cli;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;

/** GET /v2/markets/{id}/quality answers what `mbp market quality --json` says for that market (ADR 0317). */
class DaemonQualityTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-27T12:00:00Z"));
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
    private Daemon daemon;
    private OperatorKey operator;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        CliClock.useClock(null);
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        // the daemon verifies signed requests (docs/api-auth.md); the quality read is public, signed or not
        operator.client(daemon.port(), clock).headers(method, path, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8))
                .forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @EveryEngine
    void theRouteAnswersTheSampledKpisOfTheLastDay(TestDatabase engine) throws Exception {
        String url = engine.url("q");
        operator = OperatorKey.provision(url, clock);
        daemon = new Daemon(url, operator.on(Daemon.Options.defaults(0)), clock);
        daemon.start();
        assertEquals(201, send("POST", "/v2/markets", "m1", "{\"market\":\"M\",\"oracle_event\":\"EV\",\"outcomes\":[\"YES\",\"NO\"],"
                + "\"fee_bps\":50,\"liquidity\":500000000,\"lp_account\":\"lp\"}").statusCode());
        now.set(Instant.parse("2026-11-27T12:10:30Z"));
        HttpResponse<String> r = send("GET", "/v2/markets/M/quality", null, null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode q = JSON.readTree(r.body());
        assertEquals("M", q.path("market").asText());
        assertEquals("2026-11-26T12:10:00Z", q.path("from").asText());
        assertEquals("2026-11-27T12:10:00Z", q.path("to").asText());
        assertEquals(9, q.path("samples").asLong(), "12:01..12:09: 12:00 sees the log before the market");
        assertTrue(q.path("pass").asBoolean(), r.body());

        CliClock.useClock(clock);
        String out = Cli.ok(url, "--json", "market", "quality", "--from", "2026-11-26T12:10:00Z", "--to", "2026-11-27T12:10:00Z");
        JsonNode cli = JSON.readTree(out).path("markets").get(0);
        for (String f : new String[] {"samples", "spread_p95_pct", "slippage_p95_pct", "depth_2pct_p50_centavos", "gates", "pass"}) {
            assertEquals(cli.path(f), q.path(f), f + ": the route and the command agree");
        }

        HttpResponse<String> unknown = send("GET", "/v2/markets/NOPE/quality", null, null);
        assertEquals(404, unknown.statusCode());
        assertEquals("UNKNOWN_MARKET", JSON.readTree(unknown.body()).path("error").path("code").asText());
        assertEquals(405, send("POST", "/v2/markets/M/quality", "k", "{}").statusCode());
        assertEquals(404, send("GET", "/v2/markets/M/other", null, null).statusCode());
    }
}
