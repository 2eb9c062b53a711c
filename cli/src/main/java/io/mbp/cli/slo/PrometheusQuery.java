package io.mbp.cli.slo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.error.InfrastructureException;
import io.mbp.error.UsageException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Instant queries against a Prometheus on 127.0.0.1 (its HTTP API, /api/v1/query). */
final class PrometheusQuery {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    PrometheusQuery(String base) {
        URI u;
        try {
            u = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--prometheus: not a URL: " + base);
        }
        if (!"http".equals(u.getScheme()) || !("127.0.0.1".equals(u.getHost()) || "localhost".equals(u.getHost()))) {
            throw new UsageException("--prometheus: only http://127.0.0.1:PORT is allowed, got " + base);
        }
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The single value of {@code query} at {@code at}; null when the result is empty or NaN. */
    Double scalar(String query, Instant at) {
        String url = base + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&time=" + at.getEpochSecond() + "." + String.format(java.util.Locale.ROOT, "%03d", at.getNano() / 1_000_000);
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new InfrastructureException("Prometheus at " + base + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted asking Prometheus", e);
        }
        JsonNode n;
        try {
            n = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new InfrastructureException("Prometheus at " + base + " answered HTTP " + r.statusCode() + " without JSON", e);
        }
        if (!"success".equals(n.path("status").asText())) {
            throw new InfrastructureException("Prometheus refused the query: " + n.path("error").asText("HTTP " + r.statusCode()));
        }
        JsonNode result = n.path("data").path("result");
        JsonNode v = "scalar".equals(n.path("data").path("resultType").asText()) ? result.path(1) : result.path(0).path("value").path(1);
        if (v.isMissingNode()) {
            return null;
        }
        double d = Double.parseDouble(v.asText());
        return Double.isNaN(d) ? null : d;
    }
}
