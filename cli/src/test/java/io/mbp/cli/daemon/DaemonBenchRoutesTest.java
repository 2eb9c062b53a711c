package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;

/** GET /v2/noop exists only with --bench-routes, goes through the same checks, and never touches the log (issue 17). */
class DaemonBenchRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    private Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @EveryEngine
    void theNoopRouteIsA404UnlessBenchRoutesAreOn(TestDatabase engine) throws Exception {
        daemon = new Daemon(engine.url("mbp"), Daemon.Options.defaults(0), clock);
        daemon.start();
        HttpResponse<String> r = send("GET", "/v2/noop");
        assertEquals(404, r.statusCode(), r.body());
        assertEquals("NOT_FOUND", JSON.readTree(r.body()).get("error").get("code").asText());
    }

    @EveryEngine
    void withBenchRoutesTheNoopRouteAnswersWithoutTheLog(TestDatabase engine) throws Exception {
        // GET /v2/noop is not public: it pays the same signature check as every keyed route
        OperatorKey operator = OperatorKey.provision(engine.url("mbp"), clock);
        daemon = new Daemon(engine.url("mbp"), operator.on(Daemon.Options.defaults(0)), clock);
        daemon.enableBenchRoutes();
        daemon.start();
        assertEquals(401, send("GET", "/v2/noop").statusCode(), "unsigned");
        long before = JSON.readTree(send("GET", "/v2/health").body()).get("log_size").asLong();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = http.send(operator.client(daemon.port(), clock).request("GET", "/v2/noop", null).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(true, JSON.readTree(r.body()).get("ok").asBoolean());
        }
        HttpResponse<String> post = send("POST", "/v2/noop");
        assertEquals(405, post.statusCode(), post.body());
        assertEquals(404, send("GET", "/v2/noop/x").statusCode());
        assertEquals(before, JSON.readTree(send("GET", "/v2/health").body()).get("log_size").asLong());
    }
}
