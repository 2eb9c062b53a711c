package io.mbp.webhooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.oracle.Finalized;
import io.mbp.oracle.OracleEvents;
import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against a real receiver (the JDK's HTTP server on 127.0.0.1) that fails the first N
 * attempts: signed deliveries, the backoff schedule, the dead letter, replay, and every attempt in the
 * log, on every database engine.
 */
class WebhookServiceTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8);

    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");

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
            return now;
        }
    }

    record Received(Map<String, List<String>> headers, byte[] body) {
    }

    /** A receiver answering 500 to the first {@code failFirst} requests, then 200. */
    static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final List<Received> got = new CopyOnWriteArrayList<>();
        final AtomicInteger failFirst;

        Receiver(int failFirst) throws Exception {
            this.failFirst = new AtomicInteger(failFirst);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hook", ex -> {
                got.add(new Received(Map.copyOf(ex.getRequestHeaders()), ex.getRequestBody().readAllBytes()));
                int status = this.failFirst.getAndDecrement() > 0 ? 500 : 200;
                ex.sendResponseHeaders(status, -1);
                ex.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static void finalize(Database db, String event, Instant at) {
        new EventLog(db).append(List.of(NewEvent.of(OracleEvents.TYPES, event, at,
                new Finalized(event, "categorical", null, "YES", false, "undisputed", at.toString()))));
    }

    static long count(Database db, String type) {
        long[] n = {0};
        new EventLog(db).forEachOfTypes(List.of(type), e -> n[0]++);
        return n[0];
    }

    @EveryEngine
    void aFailingReceiverIsRetriedWithBackoffThenGetsTheSignedEventOnce(TestDatabase engine) throws Exception {
        Hands clock = new Hands();
        DeliveryPolicy policy = new DeliveryPolicy(1_000, 60_000, 5);
        try (Database db = Database.openMigrated(engine.url("retry")); Receiver r = new Receiver(2)) {
            finalize(db, "EV-before", clock.now); // before the subscription: never delivered
            WebhookService svc = new WebhookService(db, clock, policy, new WebhookSecrets(KEY), new HttpWebhookSender());
            WebhookService.Created c = svc.subscribe("partner-1", r.url(), List.of("oracle.finalized"));
            assertTrue(c.secret().startsWith("whsec_") && c.secret().length() == 70, c.secret());
            finalize(db, "EV-1", clock.now);
            long seq = new EventLog(db).size() - 1;

            assertEquals(new WebhookService.Pass(0, 1, 0), svc.deliverDue(100));
            assertEquals(new WebhookService.Pass(0, 0, 0), svc.deliverDue(100), "not due again before its backoff");
            Duration first = policy.delayAfter(c.subscription().id() + ":" + seq, 1);
            clock.now = clock.now.plus(first);
            assertEquals(new WebhookService.Pass(0, 1, 0), svc.deliverDue(100));
            clock.now = clock.now.plus(policy.delayAfter(c.subscription().id() + ":" + seq, 2));
            assertEquals(new WebhookService.Pass(1, 0, 0), svc.deliverDue(100));
            Instant deliveredAt = clock.now;
            clock.now = clock.now.plus(Duration.ofHours(1));
            assertEquals(new WebhookService.Pass(0, 0, 0), svc.deliverDue(100), "delivered once");

            assertEquals(3, r.got.size());
            Received last = r.got.get(2);
            String id = c.subscription().id() + ":" + seq;
            assertEquals(List.of(id), last.headers().get("Mbp-webhook-id"));
            assertEquals(List.of("3"), last.headers().get("Mbp-webhook-attempt"));
            String sig = last.headers().get("Mbp-webhook-signature").get(0);
            WebhookSignature check = new WebhookSignature(c.secret());
            assertEquals(java.util.Optional.empty(), check.check(sig, last.body(), deliveredAt));
            assertTrue(check.check(sig, last.body(), clock.now).isPresent(), "an hour later the same delivery is stale");
            Event e = new EventLog(db).get(seq);
            assertArrayEquals(WebhookService.body(id, Topic.ORACLE_FINALIZED, e), last.body());
            String body = new String(last.body(), StandardCharsets.UTF_8);
            assertTrue(body.contains("\"topic\":\"oracle.finalized\"") && body.contains("\"event\":\"EV-1\""), body);
            assertEquals(3, count(db, "WebhookAttempted"));

            // a new service (a restart) folds the log and owes nothing
            WebhookService again = new WebhookService(db, clock, policy, new WebhookSecrets(KEY), new HttpWebhookSender());
            assertEquals(new WebhookService.Pass(0, 0, 0), again.deliverDue(100));
            assertEquals(3, r.got.size());
        }
    }

    @EveryEngine
    void afterTheBoundItIsDeadLetteredUntilReplayed(TestDatabase engine) throws Exception {
        Hands clock = new Hands();
        DeliveryPolicy policy = new DeliveryPolicy(1_000, 1_000, 2);
        try (Database db = Database.openMigrated(engine.url("dead")); Receiver r = new Receiver(Integer.MAX_VALUE)) {
            WebhookService svc = new WebhookService(db, clock, policy, new WebhookSecrets(KEY), new HttpWebhookSender());
            String sub = svc.subscribe("partner-1", r.url(), List.of("oracle.finalized", "market.settled")).subscription().id();
            finalize(db, "EV-2", clock.now);
            assertEquals(new WebhookService.Pass(0, 1, 0), svc.deliverDue(100));
            clock.now = clock.now.plusSeconds(2);
            assertEquals(new WebhookService.Pass(0, 1, 1), svc.deliverDue(100));
            clock.now = clock.now.plusSeconds(3600);
            assertEquals(new WebhookService.Pass(0, 0, 0), svc.deliverDue(100), "dead letters are not retried");
            assertEquals(1L, svc.list("partner-1").get(0).get("dead_lettered"));
            assertEquals(1, count(db, "WebhookDeadLettered"));

            r.failFirst.set(0);
            List<String> replayed = svc.replay(null, "operator:test");
            assertEquals(1, replayed.size());
            assertTrue(replayed.get(0).startsWith(sub + ":"));
            assertEquals(new WebhookService.Pass(1, 0, 0), svc.deliverDue(100));
            assertEquals(List.of(), svc.replay(null, "operator:test"), "nothing dead any more");
            // a delivered one can be replayed by id (a receiver that lost it)
            assertEquals(replayed, svc.replay(replayed.get(0), "operator:test"));
            assertEquals(new WebhookService.Pass(1, 0, 0), svc.deliverDue(100));
            assertThrows(WebhookService.Refused.class, () -> svc.replay(sub + ":0", "operator:test"));
            assertEquals(1, count(db, "WebhookReplayed") - 1);

            svc.unsubscribe("partner-1", sub, "partner-1");
            finalize(db, "EV-3", clock.now);
            assertEquals(new WebhookService.Pass(0, 0, 0), svc.deliverDue(100), "nothing after unsubscribing");
            assertEquals(List.of(), svc.list("partner-1"));
        }
    }

    @EveryEngine
    void twoSendersFoldingOneLogSendEachRoundOnce(TestDatabase engine) throws Exception {
        Hands clock = new Hands();
        DeliveryPolicy policy = new DeliveryPolicy(1_000, 1_000, 5);
        try (Database mine = Database.openMigrated(engine.url("two")); Database theirs = Database.open(engine.url("two"));
                Receiver r = new Receiver(1)) {
            // the other sender (the daemon's worker, say) runs its pass while ours is in the middle of sending
            WebhookService other = new WebhookService(theirs, clock, policy, new WebhookSecrets(KEY), new HttpWebhookSender());
            List<WebhookService.Pass> meanwhile = new CopyOnWriteArrayList<>();
            HttpWebhookSender http = new HttpWebhookSender();
            WebhookSender interleaved = (url, headers, body) -> {
                meanwhile.add(other.deliverDue(100));
                return http.post(url, headers, body);
            };
            WebhookService svc = new WebhookService(mine, clock, policy, new WebhookSecrets(KEY), interleaved);
            svc.subscribe("partner-1", r.url(), List.of("oracle.finalized"));
            finalize(mine, "EV-4", clock.now);

            assertEquals(new WebhookService.Pass(0, 1, 0), svc.deliverDue(100), "the receiver refuses the first attempt");
            assertEquals(List.of(new WebhookService.Pass(0, 0, 0)), meanwhile, "the other sender saw it due but did not send it");
            assertEquals(1, r.got.size());

            clock.now = clock.now.plusSeconds(2);
            assertEquals(new WebhookService.Pass(1, 0, 0), other.deliverDue(100), "the retry is a new round: either sender may take it");
            assertEquals(new WebhookService.Pass(0, 0, 0), svc.deliverDue(100));
            assertEquals(2, r.got.size());
            assertEquals(2, count(mine, "WebhookAttempted"));
        }
    }

    @EveryEngine
    void subscriptionsAreValidated(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url("valid"))) {
            WebhookService svc = new WebhookService(db, new Hands(), DeliveryPolicy.DEFAULT, new WebhookSecrets(KEY), new HttpWebhookSender());
            assertEquals("topics", assertThrows(WebhookService.Refused.class,
                    () -> svc.subscribe("c", "https://example.org/h", List.of("order.cancelled"))).field());
            assertEquals("topics", assertThrows(WebhookService.Refused.class, () -> svc.subscribe("c", "https://example.org/h", List.of())).field());
            for (String bad : List.of("http://example.org/h", "ftp://127.0.0.1/h", "https://user:pw@example.org/h", "not a url", "/relative")) {
                WebhookService.Refused x = assertThrows(WebhookService.Refused.class, () -> svc.subscribe("c", bad, List.of("order.filled")), bad);
                assertEquals("url", x.field());
                assertFalse(x.getMessage().contains("pw"), "credentials are not repeated");
            }
            assertEquals(0, new EventLog(db).size(), "a refusal appends nothing");
            svc.subscribe("c", "https://example.org/h", List.of("payout.status", "order.filled"));
            assertEquals(List.of("order.filled", "payout.status"), svc.list("c").get(0).get("topics"));
            assertEquals(List.of(), svc.list("someone-else"));
        }
    }

    @Test
    void theBackoffIsDeterministicExponentialAndBounded() {
        DeliveryPolicy p = DeliveryPolicy.DEFAULT;
        long prevLow = 0;
        for (int n = 1; n <= 8; n++) {
            long exp = Math.min(p.capMillis(), p.baseMillis() << (n - 1));
            long d = p.delayAfter("wh_1:42", n).toMillis();
            assertEquals(d, p.delayAfter("wh_1:42", n).toMillis(), "same delivery, same schedule");
            assertTrue(d >= exp / 2 && d <= exp, n + ": " + d + " outside [" + exp / 2 + ", " + exp + "]");
            assertTrue(exp / 2 >= prevLow);
            prevLow = exp / 2;
        }
        long spread = java.util.stream.IntStream.range(0, 50).mapToLong(i -> p.delayAfter("wh_1:" + i, 3).toMillis()).distinct().count();
        assertTrue(spread > 40, "deliveries that failed together spread out: " + spread);
    }

    @Test
    void aReceiverRefusesStaleTamperedOrForeignSignatures() {
        String secret = new WebhookSecrets(KEY).secretFor("wh_1");
        assertFalse(secret.equals(new WebhookSecrets(KEY).secretFor("wh_2")));
        WebhookSignature s = new WebhookSignature(secret);
        byte[] body = "{\"id\":\"wh_1:7\"}".getBytes(StandardCharsets.UTF_8);
        Instant t = Instant.parse("2026-11-27T12:00:00Z");
        String h = s.sign(body, t);
        assertTrue(h.matches("t=\\d+,v1=[0-9a-f]{64}"), h);
        assertEquals(java.util.Optional.empty(), s.check(h, body, t.plusSeconds(299)));
        assertTrue(s.check(h, body, t.plusSeconds(301)).isPresent(), "stale");
        assertTrue(s.check(h, "{\"id\":\"wh_1:8\"}".getBytes(StandardCharsets.UTF_8), t).isPresent(), "tampered");
        assertTrue(new WebhookSignature(new WebhookSecrets(KEY).secretFor("wh_2")).check(h, body, t).isPresent(), "another secret");
        assertTrue(s.check("v1=00", body, t).isPresent());
        assertTrue(s.check(null, body, t).isPresent());
    }
}
