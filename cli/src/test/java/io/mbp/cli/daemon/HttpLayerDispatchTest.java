package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ADR 0122: quick routes run on the selector thread that read them; every other route on a pool thread, so a
 * route that waits (a database, a lock) never holds the selector and with it every other connection. ADR 0157:
 * what the engine answers later is written by the answer threads, never by the thread that completed it.
 */
class HttpLayerDispatchTest {

    @Test
    void aRouteThatWaitsHoldsNoOtherConnection() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpLayer.Api api = new HttpLayer.Api() {
            @Override
            public CompletableFuture<Reply> serve(ApiRequest r) {
                if ("/slow".equals(r.path())) {
                    slowStarted.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS); // as a withdrawal waiting on the payee vault would
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return CompletableFuture.completedFuture(new Reply(200, Map.of("slow", true)));
                }
                return CompletableFuture.completedFuture(new Reply(200, Map.of("fast", true)));
            }

            @Override
            public boolean quick(String method, String path) {
                return "/fast".equals(path);
            }
        };
        try (HttpLayer http = new HttpLayer(0, Daemon.Options.defaults(0), api, new DaemonMetrics())) {
            http.start();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + http.port();
            CompletableFuture<HttpResponse<String>> slow = client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/slow")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(slowStarted.await(10, TimeUnit.SECONDS), "the slow route was never called");
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> fast = client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/fast")).build(),
                        HttpResponse.BodyHandlers.ofString()).get(5, TimeUnit.SECONDS);
                assertEquals(200, fast.statusCode());
                assertEquals("{\"fast\":true}", fast.body());
            }
            assertFalse(slow.isDone(), "the slow route answered before it was released");
            release.countDown();
            HttpResponse<String> answered = slow.get(10, TimeUnit.SECONDS);
            assertEquals(200, answered.statusCode());
            assertEquals("{\"slow\":true}", answered.body());
        }
    }

    @Test
    void onlyTheRoutesThatQueueForTheEngineOrAnswerAtOnceAreQuick() {
        assertTrue(Routes.quick("POST", "/v2/orders"));
        assertTrue(Routes.quick("POST", "/v2/deposits"));
        assertTrue(Routes.quick("GET", "/v2/markets/BR-ELEICAO"));
        assertTrue(Routes.quick("GET", "/v2/health"));
        assertFalse(Routes.quick("POST", "/v2/withdrawals"), "reads the payee vault on the calling thread");
        assertFalse(Routes.quick("POST", "/v2/accounts"), "the KYC desk's");
        assertFalse(Routes.quick("GET", "/v2/accounts/acct-1"));
        assertFalse(Routes.quick("GET", "/v2/markets/BR-ELEICAO/quality"), "the quality desk's");
        assertFalse(Routes.quick("GET", "/v2/proofs/7"));
        assertFalse(Routes.quick("GET", "/metrics"));
        assertFalse(Routes.quick("DELETE", "/v2/orders"));
        assertFalse(Routes.quick("GET", null));
    }

    @Test
    void aRouteServedOnThePoolThatThrowsIsAnswered500() throws Exception {
        HttpLayer.Api api = r -> {
            throw new AssertionError("a bug past every catch of the route"); // as a failed metrics scrape was
        };
        try (HttpLayer http = new HttpLayer(0, Daemon.Options.defaults(0), api, new DaemonMetrics())) {
            http.start();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/v2/accounts"))
                    .build(), HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
            assertEquals(500, r.statusCode());
        }
    }

    /** Serialized by the thread that writes the answer: Jackson calls the getter there. */
    public static final class WrittenBy {
        public String getThread() {
            return Thread.currentThread().getName();
        }
    }

    @Test
    void anAnswerCompletedLaterIsWrittenByAnAnswerThreadNotByTheThreadThatCompletedIt() throws Exception {
        CompletableFuture<Reply> later = new CompletableFuture<>();
        HttpLayer.Api api = new HttpLayer.Api() {
            @Override
            public CompletableFuture<Reply> serve(ApiRequest r) {
                return later; // as an order queued for the engine
            }

            @Override
            public boolean quick(String method, String path) {
                return true;
            }
        };
        try (HttpLayer http = new HttpLayer(0, Daemon.Options.defaults(0), api, new DaemonMetrics())) {
            http.start();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            CompletableFuture<HttpResponse<String>> sent = client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/v2/orders")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread engine = new Thread(() -> {
                while (later.getNumberOfDependents() == 0) {
                    Thread.onSpinWait(); // until the request has reached the route and waits on the future
                }
                later.complete(new Reply(201, new WrittenBy()));
            }, "engine-stand-in");
            engine.setDaemon(true); // if the request never reaches the route, the test fails on its timeout and this spin ends with the JVM
            engine.start();
            HttpResponse<String> r = sent.get(10, TimeUnit.SECONDS);
            assertEquals(201, r.statusCode());
            assertTrue(r.body().startsWith("{\"thread\":\"http-answer-"), r.body());
        }
    }
}
