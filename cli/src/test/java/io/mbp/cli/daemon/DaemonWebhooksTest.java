package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.testing.Cli;
import io.mbp.events.EventLog;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import io.mbp.webhooks.DeliveryPolicy;
import io.mbp.webhooks.WebhookSecrets;
import io.mbp.webhooks.WebhookSignature;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end on a real daemon: a partner subscribes through the API, an order fills, and the
 * daemon's delivery worker POSTs the signed event to a real receiver on 127.0.0.1 that fails the first
 * two attempts; each attempt is in the log; a replay through `mbp webhooks` delivers it again.
 */
class DaemonWebhooksTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "daemon-webhooks-test-key-0123456789abcdef";

    @TempDir
    Path tmp;

    final HttpClient http = HttpClient.newHttpClient();

    record Got(String signature, String id, byte[] body) {
    }

    OperatorKey operator;

    /** A request signed with the shared operator key (admin), as every non-public route needs (docs/api-auth.md). */
    HttpResponse<String> send(int port, String method, String path, String body, String key) throws Exception {
        return operator.client(port, Clock.systemUTC()).send(method, path, body, key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    static String mbp(String db, int expect, String... args) {
        Cli.Run r = Cli.mbpOn(db, args);
        assertEquals(expect, r.code(), () -> String.join(" ", args) + ": " + r.out() + r.err());
        return r.out();
    }

    static <T> T await(java.util.function.Supplier<T> probe, java.util.function.Predicate<T> until) throws InterruptedException {
        T v = probe.get();
        for (int i = 0; i < 200 && !until.test(v); i++) {
            Thread.sleep(50);
            v = probe.get();
        }
        return v;
    }

    @Test
    void aFilledOrderReachesAFailingReceiverSignedAfterRetries() throws Exception {
        String db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        try (Database d = Database.openMigrated(db)) {
            MarketService svc = new MarketService(d, new MarketEngine(), Clock.systemUTC());
            svc.load();
            svc.execute(new MarketCommand.CreateMarket("M", "EV", List.of("YES", "NO"), 0, null, null, null, "lp", 100_000, "E"));
        }
        List<Got> got = new CopyOnWriteArrayList<>();
        AtomicInteger failFirst = new AtomicInteger(2);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", ex -> {
            got.add(new Got(ex.getRequestHeaders().getFirst("MBP-Webhook-Signature"), ex.getRequestHeaders().getFirst("MBP-Webhook-Id"),
                    ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(failFirst.getAndDecrement() > 0 ? 503 : 204, -1);
            ex.close();
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        operator = OperatorKey.provision(db, Clock.systemUTC());
        Daemon daemon = new Daemon(db, operator.on(Daemon.Options.defaults(0)), Clock.systemUTC());
        daemon.webhooks(new WebhookSecrets(KEY.getBytes(StandardCharsets.UTF_8)), new DeliveryPolicy(100, 200, 5), Duration.ofMillis(50));
        daemon.start();
        int port = daemon.port();
        try {
            HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/webhooks"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + hook + "\",\"topics\":[\"order.filled\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, unsigned.statusCode(), "webhooks need a key: " + unsigned.body());
            HttpResponse<String> bad = send(port, "POST", "/v2/webhooks", "{\"url\":\"" + hook + "\",\"topics\":[\"order.cancelled\"]}", null);
            assertEquals(400, bad.statusCode(), bad.body());
            assertEquals("topics", JSON.readTree(bad.body()).get("error").get("field").asText());
            // the body is read as every write's is (ApiBodies): the parser's reason, and unknown fields named
            HttpResponse<String> broken = send(port, "POST", "/v2/webhooks", "{\"url\":", null);
            assertEquals(400, broken.statusCode(), broken.body());
            JsonNode brokenError = JSON.readTree(broken.body()).get("error");
            assertEquals("MALFORMED_JSON", brokenError.get("code").asText(), broken.body());
            assertTrue(brokenError.get("message").asText().startsWith("request body is not valid JSON: "), broken.body());
            HttpResponse<String> extra = send(port, "POST", "/v2/webhooks", "{\"url\":\"" + hook + "\",\"secret\":\"x\"}", null);
            assertEquals(400, extra.statusCode(), extra.body());
            assertEquals("secret", JSON.readTree(extra.body()).get("error").get("field").asText(), extra.body());
            HttpResponse<String> created = send(port, "POST", "/v2/webhooks",
                    "{\"url\":\"" + hook + "\",\"topics\":[\"order.filled\",\"market.settled\"]}", null);
            assertEquals(201, created.statusCode(), created.body());
            JsonNode sub = JSON.readTree(created.body());
            String secret = sub.get("secret").asText();
            String id = sub.get("id").asText();
            assertEquals(List.of("market.settled", "order.filled"), List.of(sub.get("topics").get(0).asText(), sub.get("topics").get(1).asText()));

            assertEquals(201, send(port, "POST", "/v2/deposits", "{\"account\":\"acct-1\",\"amount\":10000}", "dep-1").statusCode());
            HttpResponse<String> order = send(port, "POST", "/v2/orders",
                    "{\"market\":\"M\",\"account\":\"acct-1\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":1000}", "ord-1");
            assertEquals(201, order.statusCode(), order.body());

            await(() -> got.size(), n -> n >= 3);
            assertEquals(3, got.size(), "two refusals, then the delivery");
            Got last = got.get(2);
            assertEquals(got.get(0).id(), last.id(), "the same delivery each time");
            assertEquals(Optional.empty(), new WebhookSignature(secret).check(last.signature(), last.body(), Instant.now()));
            JsonNode body = JSON.readTree(last.body());
            assertEquals("order.filled", body.get("topic").asText());
            assertEquals("OrderFilled", body.get("event").get("type").asText());
            assertEquals(last.id(), id + ":" + body.get("event").get("seq").asLong());
            JsonNode list = JSON.readTree(await(() -> get(port, "/v2/webhooks"), b -> b.contains("\"pending\":0")));
            assertEquals(0, list.get(0).get("pending").asLong(), list.toString());
            assertTrue(!list.toString().contains(secret), "the secret is shown once");
            assertEquals(3, attempts(db));

            // the operator replays it; `mbp webhooks deliver` sends it again (the daemon's worker may beat it to it)
            Secrets.useEnvironment(Map.of(WebhookSecrets.KEY_ENV, KEY)::get);
            assertTrue(mbp(db, 0, "webhooks", "replay", "--delivery", last.id()).contains("replayed 1"));
            mbp(db, 0, "webhooks", "deliver");
            await(() -> got.size(), n -> n >= 4);
            assertEquals(4, got.size());
            assertTrue(mbp(db, 0, "--json", "webhooks", "list").contains(id));
            mbp(db, 4, "webhooks", "replay", "--delivery", id + ":0");
            mbp(db, 4, "webhooks", "replay", "--delivery", "wh_nobody:1");
            mbp(db, 2, "webhooks", "replay");
            assertTrue(mbp(db, 0, "webhooks", "replay", "--dead-letter").contains("nothing to replay"));

            assertEquals(200, send(port, "DELETE", "/v2/webhooks/" + id, null, null).statusCode());
            Thread.sleep(1_100); // the same signed request within the same second is a replay (401), not a second DELETE
            HttpResponse<String> again = send(port, "DELETE", "/v2/webhooks/" + id, null, null);
            assertEquals(404, again.statusCode());
            assertEquals("UNKNOWN_WEBHOOK", JSON.readTree(again.body()).get("error").get("code").asText());
        } finally {
            Secrets.useEnvironment(null);
            daemon.close();
            receiver.stop(0);
        }
        Daemon off = new Daemon(db, operator.on(Daemon.Options.defaults(0)), Clock.systemUTC());
        off.start();
        try {
            HttpResponse<String> r = send(off.port(), "GET", "/v2/webhooks", null, null);
            assertEquals(503, r.statusCode());
            assertEquals("WEBHOOKS_UNAVAILABLE", JSON.readTree(r.body()).get("error").get("code").asText());
        } finally {
            off.close();
        }
        mbp(db, 2, "webhooks", "deliver");
    }

    String get(int port, String path) {
        try {
            return send(port, "GET", path, null, null).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long attempts(String db) {
        try (Database d = Database.open(db)) {
            long[] n = {0};
            new EventLog(d).forEachOfTypes(List.of("WebhookAttempted"), e -> n[0]++);
            return n[0];
        }
    }
}
