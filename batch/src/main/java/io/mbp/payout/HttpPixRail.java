package io.mbp.payout;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.error.InfrastructureException;
import io.mbp.events.JsonLimits;
import io.mbp.net.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PixRail} over HTTP with the JDK client, speaking the simulator's API (see PspSimServer).
 * A timeout, a refused connection or a 5xx is retryable: the request may or may not have been
 * processed, and re-sending the same id is safe. 4xx means the PSP refused this payment for good.
 */
public final class HttpPixRail implements PixRail {
    private static final ObjectMapper JSON = JsonLimits.mapper().build();
    /** A day's returns is a list; anything else the PSP answers is one small object. */
    private static final long MAX_RETURNS_BYTES = 64L << 20;

    private final URI base;
    /** The base URL as messages show it: credentials masked. */
    private final String shown;
    private final Duration timeout;
    private final HttpClient client;

    public HttpPixRail(String baseUrl, Duration timeout) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.shown = Urls.mask(base.toString());
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public RailResult send(PaymentOrder o) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account", o.account());
        body.put("pix_key", o.pixKey());
        body.put("amount", o.amount());
        try {
            HttpRequest req = HttpRequest.newBuilder(base.resolve("pix/v1/payments/" + o.instructionId()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            return answer(client.send(req, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            return transport(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RailResult.Failed("interrupted", true);
        }
    }

    @Override
    public RailResult status(String id) {
        try {
            HttpResponse<InputStream> r = client.send(get("pix/v1/payments/" + id), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() == 404) {
                r.body().close();
                return new RailResult.Failed("unknown", true);
            }
            return answer(r);
        } catch (IOException e) {
            return transport(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RailResult.Failed("interrupted", true);
        }
    }

    private static RailResult transport(IOException e) {
        if (e instanceof StreamConstraintsException s) {
            return new RailResult.Failed("answer over a JSON limit: " + JsonLimits.describe(s), true);
        }
        if (e instanceof TooLarge) {
            return new RailResult.Failed(e.getMessage(), true);
        }
        if (e instanceof HttpTimeoutException) {
            return new RailResult.Failed("timeout", true);
        }
        if (e instanceof ConnectException) {
            return new RailResult.Failed("connection refused", true);
        }
        return new RailResult.Failed("i/o: " + e.getClass().getSimpleName(), true);
    }

    /** An answer larger than any the PSP sends: refused unread past the limit. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long max) {
            super("answer over " + max + " bytes (JSON input limits: docs/event-log.md)");
        }
    }

    private static String bounded(HttpResponse<InputStream> r, long max) throws IOException {
        try (InputStream in = r.body()) {
            byte[] b = in.readNBytes((int) max + 1);
            if (b.length > max) {
                throw new TooLarge(max);
            }
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    private static RailResult answer(HttpResponse<InputStream> response) throws IOException {
        int code = response.statusCode();
        String body = bounded(response, JsonLimits.MAX_DOCUMENT_BYTES);
        if (code == 200) {
            JsonNode n = JSON.readTree(body);
            if ("CONFIRMED".equals(n.path("status").asText())) {
                return new RailResult.Confirmed(n.path("e2eid").asText(), n.path("fee").asLong());
            }
            return new RailResult.Pending();
        }
        String msg = "http " + code + ": " + errorOf(body);
        return new RailResult.Failed(msg, code >= 500 || code == 429);
    }

    private static String errorOf(String body) {
        String e;
        try {
            e = JSON.readTree(body).path("error").asText(body);
        } catch (IOException ex) {
            e = body;
        }
        // Only a reason belongs in a message, never a whole answer.
        return e.length() > 200 ? e.substring(0, 200) + "…" : e;
    }

    @Override
    public List<RailReturn> returns(LocalDate date) {
        HttpResponse<InputStream> r = fetch("pix/v1/returns?date=" + date, HttpResponse.BodyHandlers.ofInputStream());
        try {
            List<RailReturn> out = new ArrayList<>();
            for (JsonNode n : JSON.readTree(bounded(r, MAX_RETURNS_BYTES))) {
                out.add(new RailReturn(n.path("instruction_id").asText(), n.path("return_id").asText(),
                        n.path("amount").asLong(), n.path("reason").asText()));
            }
            return out;
        } catch (StreamConstraintsException e) {
            throw new InfrastructureException("the PSP at " + shown + " sent returns over a JSON limit: " + JsonLimits.describe(e), e);
        } catch (IOException e) {
            throw new InfrastructureException("the PSP at " + shown + " sent unreadable returns: " + Urls.mask(e.getMessage()), e);
        }
    }

    @Override
    public byte[] statement(LocalDate date, String format) {
        return fetch("statements/" + date + "?format=" + format, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private <T> HttpResponse<T> fetch(String path, HttpResponse.BodyHandler<T> handler) {
        try {
            HttpResponse<T> r = client.send(get(path), handler);
            if (r.statusCode() != 200) {
                throw new InfrastructureException("the PSP at " + shown + " answered " + r.statusCode() + " to GET " + path);
            }
            return r;
        } catch (IOException e) {
            throw new InfrastructureException("cannot reach the PSP at " + shown + " (" + e.getClass().getSimpleName()
                    + "): is `mbp psp-sim` running?", e).about("psp");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted talking to " + shown, e);
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build();
    }
}
