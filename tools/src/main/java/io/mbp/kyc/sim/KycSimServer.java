package io.mbp.kyc.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mbp.kyc.CallbackSignature;
import io.mbp.kyc.KycProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A simulated KYC vendor on 127.0.0.1 (never another interface). API (JSON):
 * <pre>
 * POST /v1/verifications  {"subject","full_name","cpf","birth_date","liveness","callback_url"?}
 *                          -> 200 {"verification_id","subject","outcome":"approved|rejected|review","reason"} | 400
 * GET  /admin/stats        -> {"decided"}
 * </pre>
 * With a callback URL (the request's {@code callback_url} on 127.0.0.1, else the configured one),
 * each verdict is also POSTed there (twice for duplicatePct of subjects), as vendors do for
 * asynchronous results, signed with {@link CallbackSignature} when a shared secret is set
 * ({@link #signCallbacks}). It logs nothing of the request body.
 */
public final class KycSimServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KycSimulator sim;
    private final HttpServer server;
    private final ExecutorService pool;
    private final HttpClient callbacks = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile CallbackSignature signature;
    private volatile Clock clock = Clock.systemUTC();
    private final java.util.concurrent.atomic.AtomicInteger delivered = new java.util.concurrent.atomic.AtomicInteger();

    public KycSimServer(KycSimulator sim, int port) throws IOException {
        this.sim = sim;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.pool = Executors.newFixedThreadPool(4);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
    }

    /** Signs every callback with the secret shared with the receiver, timestamped by {@code clock}. */
    public KycSimServer signCallbacks(byte[] secret, Clock clock) {
        this.signature = new CallbackSignature(secret);
        this.clock = clock;
        return this;
    }

    public KycSimServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Callbacks the receiver answered with a 2xx. */
    public int callbacksDelivered() {
        return delivered.get();
    }

    public KycSimulator simulator() {
        return sim;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            pause(sim.config().latencyMillis());
            if ("/v1/verifications".equals(path) && "POST".equals(x.getRequestMethod())) {
                verify(x);
            } else if ("/admin/stats".equals(path)) {
                send(x, 200, Map.of("decided", sim.decided()));
            } else {
                send(x, 404, Map.of("error", "no such endpoint"));
            }
        }
    }

    private void verify(HttpExchange x) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(x.getRequestBody());
        } catch (IOException e) {
            send(x, 400, Map.of("error", "body is not JSON"));
            return;
        }
        String subject = n.path("subject").asText("");
        if (subject.isBlank() || !n.hasNonNull("full_name") || !n.hasNonNull("cpf") || !n.hasNonNull("birth_date")) {
            send(x, 400, Map.of("error", "subject, full_name, cpf and birth_date are required"));
            return;
        }
        if (sim.hangs(subject)) {
            pause(sim.config().hangMillis());
        }
        KycProvider.Verdict v = sim.decide(new KycProvider.Request(subject, n.path("full_name").asText(), n.path("cpf").asText(),
                n.path("birth_date").asText(), n.path("liveness").asBoolean(false)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verification_id", v.reference());
        body.put("subject", subject);
        body.put("outcome", v.outcome());
        body.put("reason", v.reason());
        send(x, 200, body);
        String cb = callbackUrl(n.path("callback_url").asText(null));
        if (cb != null) {
            int times = sim.duplicates(subject) ? 2 : 1;
            byte[] payload = JSON.writeValueAsBytes(body);
            for (int i = 0; i < times; i++) {
                try {
                    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(cb)).timeout(Duration.ofSeconds(2))
                            .header("Content-Type", "application/json");
                    CallbackSignature s = signature;
                    if (s != null) {
                        req.header(CallbackSignature.HEADER, s.sign(payload, clock.instant()));
                    }
                    int status = callbacks.send(req.POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status / 100 == 2) {
                        delivered.incrementAndGet();
                    }
                } catch (IOException | IllegalArgumentException e) {
                    // The receiver is down (or the URL is not one): a vendor gives up after its retries, and so do we.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The request's callback URL if it points at 127.0.0.1 (the simulator calls nothing else), else the configured one. */
    private String callbackUrl(String requested) {
        if (requested != null && requested.startsWith("http://127.0.0.1:")) {
            return requested;
        }
        return sim.config().callbackUrl();
    }

    private static void send(HttpExchange x, int status, Object body) throws IOException {
        byte[] b = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
