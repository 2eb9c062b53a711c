package io.mbp.kyc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link KycProvider} over HTTP (JDK client), speaking the simulator's vendor API
 * ({@code POST /v1/verifications}, see {@code io.mbp.kyc.sim.KycSimServer} in the tools module). The subject id is the
 * idempotency key, so a retry after a timeout gets the vendor's first answer, not a second check.
 * Errors name the provider and the subject, never a personal field.
 */
public final class HttpKycProvider implements KycProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Duration timeout;
    private final HttpClient client;
    private final String callbackUrl;

    public HttpKycProvider(String baseUrl, Duration timeout) {
        this(baseUrl, timeout, null);
    }

    /** With {@code callbackUrl}, each request asks the vendor to also post its verdict there (the daemon's endpoint). */
    public HttpKycProvider(String baseUrl, Duration timeout, String callbackUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.timeout = timeout;
        this.callbackUrl = callbackUrl;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Verdict verify(Request r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", r.subject());
        body.put("full_name", r.fullName());
        body.put("cpf", r.cpf());
        body.put("birth_date", r.birthDate());
        body.put("liveness", r.liveness());
        if (callbackUrl != null) {
            body.put("callback_url", callbackUrl);
        }
        HttpResponse<String> resp;
        try {
            HttpRequest req = HttpRequest.newBuilder(base.resolve("v1/verifications"))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", r.subject())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            resp = client.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ProviderUnavailableException("KYC provider " + base + " did not answer within " + timeout.toMillis()
                    + " ms for subject " + r.subject());
        } catch (IOException e) {
            throw new ProviderUnavailableException("KYC provider " + base + " is unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("interrupted while waiting for the KYC provider");
        }
        if (resp.statusCode() >= 500) {
            throw new ProviderUnavailableException("KYC provider " + base + " answered HTTP " + resp.statusCode()
                    + " for subject " + r.subject());
        }
        if (resp.statusCode() != 200) {
            throw new io.mbp.error.VerificationFailedException("KYC provider " + base + " refused the request for subject "
                    + r.subject() + " (HTTP " + resp.statusCode() + ")");
        }
        try {
            JsonNode n = JSON.readTree(resp.body());
            return new Verdict(n.path("outcome").asText(), n.path("verification_id").asText(), n.path("reason").asText("none"));
        } catch (IOException | IllegalArgumentException e) {
            throw new io.mbp.error.VerificationFailedException("KYC provider " + base + " sent an answer we cannot read for subject "
                    + r.subject());
        }
    }
}
