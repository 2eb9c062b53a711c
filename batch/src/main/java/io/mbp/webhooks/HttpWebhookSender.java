package io.mbp.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * Deliveries over the JDK's HTTP client: 5 s to connect, 10 s for the answer, no redirects (the URL
 * subscribed is the URL posted to), and the receiver's body is discarded unread, so a receiver can
 * neither hold a delivery thread for long nor fill our memory.
 */
public final class HttpWebhookSender implements WebhookSender {
    static final Duration CONNECT = Duration.ofSeconds(5);
    static final Duration ANSWER = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public Result post(String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            HttpResponse<Void> r = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
            return new Result(r.statusCode(), r.statusCode() / 100 == 2 ? null : "HTTP " + r.statusCode());
        } catch (HttpTimeoutException e) {
            return new Result(0, "timeout");
        } catch (IOException e) {
            return new Result(0, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(0, "interrupted");
        }
    }
}
