package io.mbp.cli.anchor;

import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.error.BadInputException;
import io.mbp.error.InfrastructureException;
import io.mbp.error.UsageException;
import io.mbp.events.CanonicalJson;
import io.mbp.events.JsonLimits;
import io.mbp.net.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code verify-anchor --url}: one GET of a proof file (the daemon's {@code GET /v2/proofs/{seq}} or
 * any static copy), under the same bounds as a file (docs/adr/0107): at most one JSON document's
 * bytes are read, strict UTF-8, and the connection and the whole answer have deadlines, so a server
 * that never answers or never stops cannot hang or fill the verifier. Redirects are not followed: the
 * URL given is the URL checked.
 */
final class ProofFetch {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);

    private ProofFetch() {
    }

    /** The proof's text, or an exit-2 (bad URL), exit-4 (not a proof answer) or exit-5 (unreachable) exception. */
    static String fetch(String url) {
        String shown = Urls.mask(url);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url " + shown + ": not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new UsageException("--url " + shown + ": an http:// or https:// URL with a host is needed");
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(ANSWER_TIMEOUT).header("Accept", "application/json").GET().build();
        try (client) {
            HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = r.body()) {
                body = in.readNBytes((int) JsonLimits.MAX_DOCUMENT_BYTES + 1);
            }
            if (r.statusCode() >= 500) {
                throw new InfrastructureException("--url " + shown + ": the server answered HTTP " + r.statusCode() + errorCode(body)
                        + "; retry later");
            }
            if (r.statusCode() != 200) {
                throw new BadInputException("--url " + shown + ": HTTP " + r.statusCode() + errorCode(body) + ", not a proof file");
            }
            if (body.length > JsonLimits.MAX_DOCUMENT_BYTES) {
                throw new BadInputException("--url " + shown + ": refused: the answer is over the limit of "
                        + JsonLimits.MAX_DOCUMENT_BYTES + " bytes for one JSON document (JSON input limits: docs/event-log.md)");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException("--url " + shown + ": the answer is not UTF-8 text");
        } catch (IOException e) {
            throw new InfrastructureException("--url " + shown + ": cannot fetch the proof: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("--url " + shown + ": interrupted", e);
        }
    }

    /** " NOT_FOUND: message" from an API error body, or "" when the body is not one. */
    private static String errorCode(byte[] body) {
        try {
            JsonNode e = CanonicalJson.readTree(new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8)).get("error");
            if (e != null && e.hasNonNull("code")) {
                String m = e.path("message").asText("");
                return " " + e.get("code").asText() + (m.isEmpty() ? "" : ": " + (m.length() > 200 ? m.substring(0, 200) : m));
            }
        } catch (IOException | RuntimeException ignored) {
            // not an API error document: the status alone says it
        }
        return "";
    }
}
