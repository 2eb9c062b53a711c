package io.mbp.cli.daemon;

import io.mbp.apiclient.RequestSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An HTTP client for the daemon's /v2 API that signs every request (docs/api-auth.md): what
 * `mbp api call`, the benchmarks, the drills and the tests send with. The daemon refuses a second
 * write with the same (key, timestamp, signature) as a replay, so when this client would sign the
 * same write twice in one second it dates the second one a second earlier (still inside the window).
 * Thread-safe.
 */
public final class SigningClient {
    private static final int REMEMBERED = 8192;
    private final HttpClient http;
    private final String base;
    private final String keyId;
    private final String secret;
    private final Clock clock;
    private final Set<String> used = java.util.Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    public SigningClient(HttpClient http, String base, String keyId, String secret, Clock clock) {
        this.http = http;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.keyId = keyId;
        this.secret = secret;
        this.clock = clock;
    }

    public SigningClient(String base, String keyId, String secret, Clock clock) {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), base, keyId, secret, clock);
    }

    public String base() {
        return base;
    }

    /** The three signature headers for a request (a fresh timestamp for each write). */
    public Map<String, String> headers(String method, String pathWithQuery, byte[] body) {
        long now = clock.instant().getEpochSecond();
        long ts = now;
        String sig = RequestSignature.sign(secret, ts, method, pathWithQuery, body);
        if (!"GET".equals(method)) {
            synchronized (used) {
                while (!used.add(sig) && now - ts < io.mbp.apiclient.Authenticator.WINDOW_SECONDS - 1) {
                    ts--;
                    sig = RequestSignature.sign(secret, ts, method, pathWithQuery, body);
                }
            }
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put(RequestSignature.KEY_ID, keyId);
        h.put(RequestSignature.TIMESTAMP, Long.toString(ts));
        h.put(RequestSignature.SIGNATURE, sig);
        return h;
    }

    /** A signed request builder for {@code method pathWithQuery} with {@code body} (null: none). */
    public HttpRequest.Builder request(String method, String pathWithQuery, byte[] body) {
        byte[] b = body == null ? new byte[0] : body;
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + pathWithQuery)).timeout(Duration.ofSeconds(30))
                .method(method, b.length == 0 && "GET".equals(method) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(b));
        headers(method, pathWithQuery, b).forEach(r::header);
        return r;
    }

    public HttpResponse<String> send(String method, String pathWithQuery, String body, Map<String, String> extra)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = request(method, pathWithQuery, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        extra.forEach(r::header);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String pathWithQuery) throws IOException, InterruptedException {
        return send("GET", pathWithQuery, null, Map.of());
    }

    /** POST with an Idempotency-Key (null: none). */
    public HttpResponse<String> post(String path, String idempotencyKey, String body) throws IOException, InterruptedException {
        return send("POST", path, body, idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }
}
