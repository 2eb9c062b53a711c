package io.mbp.anchor;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.error.InfrastructureException;
import io.mbp.events.JsonLimits;
import io.mbp.net.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A read-only {@link Chain} over plain JSON-RPC (JDK HTTP client, Jackson) for {@code verify-anchor}:
 * the public verifier only reads four methods, and skipping web3j's start-up (OkHttp, Kotlin,
 * RxJava, a logging stack) keeps a verification near one second (docs/adr/0104).
 */
public final class JsonRpcChain implements Chain {
    private static final ObjectMapper JSON = JsonLimits.mapper().build();
    private final String url;
    /** The URL as messages show it: credentials masked. */
    private final String shown;
    private final HttpClient http;
    private long ids;

    public JsonRpcChain(String url) {
        this.url = url;
        this.shown = Urls.mask(url);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    private JsonNode call(String method, Object... params) {
        ObjectNode req = JsonNodeFactory.instance.objectNode();
        req.put("jsonrpc", "2.0");
        req.put("id", ++ids);
        req.put("method", method);
        ArrayNode p = req.putArray("params");
        for (Object o : params) {
            if (o instanceof Boolean b) {
                p.add(b);
            } else {
                p.add(String.valueOf(o));
            }
        }
        HttpResponse<InputStream> resp;
        try {
            URI uri = URI.create(url);
            resp = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(req))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException | IllegalArgumentException e) {
            throw new InfrastructureException("chain RPC " + shown + " is unreachable (" + method + "): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : Urls.mask(e.getMessage()))
                    + "; check the RPC URL and that the node is running", e).about("chain-rpc");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while calling " + shown, e);
        }
        JsonNode body;
        // Read at most one JSON document's worth: a node (or whatever answers at --rpc) cannot make
        // the verifier buffer an endless answer.
        try (InputStream in = resp.body()) {
            if (resp.statusCode() != 200) {
                throw new InfrastructureException("chain RPC " + shown + " answered HTTP " + resp.statusCode() + " to " + method);
            }
            byte[] bytes = in.readNBytes((int) JsonLimits.MAX_DOCUMENT_BYTES + 1);
            if (bytes.length > JsonLimits.MAX_DOCUMENT_BYTES) {
                throw new InfrastructureException("chain RPC " + shown + " answered " + method + " with more than "
                        + JsonLimits.MAX_DOCUMENT_BYTES + " bytes (JSON input limits: docs/event-log.md)");
            }
            body = JSON.readTree(bytes);
        } catch (StreamConstraintsException e) {
            throw new InfrastructureException("chain RPC " + shown + " answered " + method + " with JSON over a limit: "
                    + JsonLimits.describe(e), e);
        } catch (IOException e) {
            throw new InfrastructureException("chain RPC " + shown + " answered " + method + " with something that is not JSON", e);
        }
        if (body == null || !body.isObject() || !body.has("result") && !body.hasNonNull("error")) {
            throw new InfrastructureException("chain RPC " + shown + " answered " + method + " without a JSON-RPC result");
        }
        if (body.hasNonNull("error")) {
            throw new InfrastructureException("chain RPC " + shown + " refused " + method + ": "
                    + Urls.mask(body.get("error").path("message").asText()));
        }
        return body.get("result");
    }

    private static long quantity(JsonNode n) {
        String s = n == null ? "" : n.asText();
        if (!s.matches("0x[0-9a-fA-F]{1,15}")) {
            throw new InfrastructureException("the chain RPC answered '" + (s.length() > 20 ? s.substring(0, 20) + "…" : s)
                    + "' where a hex quantity belongs");
        }
        return Long.parseLong(s.substring(2), 16);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    @Override
    public long chainId() {
        return quantity(call("eth_chainId"));
    }

    @Override
    public long blockNumber() {
        return quantity(call("eth_blockNumber"));
    }

    @Override
    public Optional<String> blockHash(long number) {
        JsonNode b = call("eth_getBlockByNumber", hex(number), false);
        return b == null || b.isNull() ? Optional.empty() : Optional.of(b.path("hash").asText());
    }

    @Override
    public Optional<Tx> transaction(String txHash) {
        JsonNode t = call("eth_getTransactionByHash", txHash);
        if (t == null || t.isNull()) {
            return Optional.empty();
        }
        JsonNode bn = t.get("blockNumber");
        JsonNode cid = t.get("chainId");
        return Optional.of(new Tx(t.path("hash").asText(), t.path("input").asText(),
                bn == null || bn.isNull() ? null : quantity(bn), t.path("blockHash").asText(null),
                cid == null || cid.isNull() ? null : quantity(cid)));
    }

    @Override
    public Optional<Receipt> receipt(String txHash) {
        JsonNode r = call("eth_getTransactionReceipt", txHash);
        if (r == null || r.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new Receipt(r.path("transactionHash").asText(), "0x1".equals(r.path("status").asText()),
                quantity(r.get("blockNumber")), r.path("blockHash").asText()));
    }

    @Override
    public String sendData(ChainAccount from, byte[] data) {
        throw new UnsupportedOperationException("the verifier's chain client is read-only; publishing uses web3j");
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close before Java 21; its threads are daemons.
    }
}
