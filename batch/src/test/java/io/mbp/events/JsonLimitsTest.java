package io.mbp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.mbp.anchor.JsonRpcChain;
import io.mbp.catalog.EventCatalog;
import io.mbp.custody.KeyStore;
import io.mbp.error.BadInputException;
import io.mbp.error.InfrastructureException;
import io.mbp.evidence.Dsse;
import io.mbp.oracle.EventFiles;
import io.mbp.oracle.ReportFiles;
import io.mbp.payout.HttpPixRail;
import io.mbp.payout.PixRail;
import io.mbp.payout.RailResult;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader of outside JSON refuses what is past the limits of {@link JsonLimits} with a message
 * naming the source and the limit, instead of crashing (NPE), recursing or buffering without bound.
 */
class JsonLimitsTest {
    static final String DEEP_100 = "[".repeat(100) + "]".repeat(100);
    static final String DEEP_10K = "[".repeat(10_000) + "]".repeat(10_000);

    @TempDir
    Path tmp;

    static String eventLine(String payloadValue) {
        return "{\"type\":\"DepositReceived\",\"stream\":\"acct-1\",\"ts\":\"2026-11-27T10:00:00Z\",\"payload\":"
                + "{\"account\":\"acct-1\",\"amount\":100,\"e2eid\":" + payloadValue + "}}";
    }

    static BadInputException appendRefusal(String line) {
        EventFileReader r = new EventFileReader(new BufferedReader(new StringReader(line + "\n")), "in.ndjson", EventCatalog.standard());
        return assertThrows(BadInputException.class, r::hasNext);
    }

    @Test
    void anEventLineNestedPastTheLimitIsRefusedNamingTheLimit() {
        BadInputException e = appendRefusal(eventLine(DEEP_100));
        assertTrue(e.getMessage().startsWith("in.ndjson: line 1: refused: Document nesting depth (65) exceeds the limit (64)"),
                e.getMessage());
        assertTrue(appendRefusal(eventLine(DEEP_10K)).getMessage().contains("limit (64)"));
    }

    @Test
    void anEventLineWithAHugeStringIsRefusedNamingTheLimit() {
        BadInputException e = appendRefusal(eventLine("\"" + "x".repeat(JsonLimits.MAX_STRING_LENGTH + 1) + "\""));
        assertTrue(e.getMessage().contains("String value length (1000001) exceeds the limit (1000000)"), e.getMessage());
    }

    @Test
    void anEndlessEventLineIsRefusedBeforeItIsReadWhole() {
        BadInputException e = appendRefusal(eventLine("\"" + "x".repeat(5 << 20) + "\""));
        assertEquals("in.ndjson: line 1 (nothing was appended): refused: a line longer than 4194304 characters, over the limit"
                + " for one JSON document (JSON input limits: docs/event-log.md)", e.getMessage());
    }

    @Test
    void linesEndAsReadLineEndsThemAcrossBufferBoundaries() throws Exception {
        for (String nl : new String[] {"\n", "\r", "\r\n"}) {
            for (int len : new int[] {0, 1, 8190, 8191, 8192, 8193, 20_000}) {
                String a = "a".repeat(len);
                String text = a + nl + "b" + nl + nl + "c";
                BufferedReader r = new BufferedReader(new StringReader(text));
                BufferedReader expected = new BufferedReader(new StringReader(text));
                for (String want = expected.readLine(); ; want = expected.readLine()) {
                    assertEquals(want, JsonLimits.readLine(r, 1 << 20, "t"), nl.replace("\r", "CR") + " " + len);
                    if (want == null) {
                        break;
                    }
                }
            }
        }
    }

    @Test
    void theLogReadsBackTheLargestPayloadItCanStore() throws Exception {
        // The payload column holds 1,000,000 characters; in UTF-8 that can be 3 bytes each.
        String big = "\u20ac".repeat(JsonLimits.MAX_STRING_LENGTH - 20);
        String payload = "{\"e2eid\":\"" + big + "\"}";
        assertEquals(big, CanonicalJson.MAPPER.readTree(payload.getBytes(StandardCharsets.UTF_8)).get("e2eid").textValue());
    }

    @Test
    void oracleEventFilesPastTheLimitsAreBadInputNotACrash() throws Exception {
        // Jackson reports a limit without a location: this used to be an NPE (exit 1).
        BadInputException deep = assertThrows(BadInputException.class, () -> EventFiles.parse(DEEP_10K, "events.json"));
        assertTrue(deep.getMessage().startsWith("events.json: refused: Document nesting depth"), deep.getMessage());
        assertThrows(BadInputException.class, () -> EventFiles.parse(DEEP_100, "events.json"));
        Path huge = sparse("events.json", JsonLimits.MAX_DOCUMENT_BYTES + 1);
        BadInputException big = assertThrows(BadInputException.class, () -> EventFiles.read(huge));
        assertTrue(big.getMessage().contains("over the limit of 4194304 bytes"), big.getMessage());
    }

    @Test
    void aReportLinePastTheLimitsIsARejectedReportNamingTheLimit() throws Exception {
        Path f = tmp.resolve("reports.ndjson");
        Files.writeString(f, "{\"source\":" + DEEP_100 + "}\n");
        var reports = ReportFiles.read(f);
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).problem().startsWith("refused: Document nesting depth (65)"), reports.get(0).problem());
    }

    @Test
    void aKeyFileOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        Path huge = sparse("operator-keys.json", JsonLimits.MAX_DOCUMENT_BYTES + 1);
        BadInputException e = assertThrows(BadInputException.class, () -> new KeyStore(huge).keys());
        assertTrue(e.getMessage().contains("over the limit of 4194304 bytes"), e.getMessage());
    }

    @Test
    void aDsseEnvelopePastTheLimitsIsBadInputNamingTheFile() {
        BadInputException e = assertThrows(BadInputException.class, () -> Dsse.parse("{\"payload\":" + DEEP_100 + "}"));
        assertTrue(e.getMessage().startsWith("manifest.dsse.json: refused: Document nesting depth"), e.getMessage());
    }

    /** A 127.0.0.1 server answering every request with {@code body}, for as long as {@code test} runs. */
    static <T> T answering(String body, java.util.function.Function<String, T> test) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        s.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(200, bytes.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(bytes);
            } catch (java.io.IOException ignored) {
                // the client stopped reading: that is the point of a limit
            }
        });
        s.start();
        try {
            return test.apply("http://127.0.0.1:" + s.getAddress().getPort() + "/");
        } finally {
            s.stop(0);
        }
    }

    static InfrastructureException chainRefusal(String body) throws Exception {
        return answering(body, url -> assertThrows(InfrastructureException.class, () -> new JsonRpcChain(url).chainId()));
    }

    @Test
    void aChainAnswerPastTheLimitsIsInfrastructureNamingTheLimit() throws Exception {
        assertTrue(chainRefusal("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + DEEP_10K + "}").getMessage()
                .contains("with JSON over a limit: Document nesting depth (65) exceeds the limit (64)"));
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\",\"pad\":\"" + "x".repeat(5 << 20) + "\"}";
        assertTrue(chainRefusal(huge).getMessage().contains("with more than 4194304 bytes"));
        // No result at all, or not a quantity: these were NullPointerExceptions (exit 1).
        assertTrue(chainRefusal("{\"jsonrpc\":\"2.0\",\"id\":1}").getMessage().contains("without a JSON-RPC result"));
        assertTrue(chainRefusal("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}").getMessage().contains("hex quantity"));
    }

    @Test
    void aPspAnswerPastTheLimitsIsARetryableFailureNamingTheLimit() throws Exception {
        Supplier<PixRail.PaymentOrder> order = () -> new PixRail.PaymentOrder("po-1", "acct-1", "key", 100);
        RailResult deep = answering("{\"status\":" + DEEP_10K + "}",
                url -> new HttpPixRail(url, Duration.ofSeconds(10)).send(order.get()));
        RailResult.Failed f = assertInstanceOf(RailResult.Failed.class, deep);
        assertTrue(f.retryable() && f.reason().contains("nesting depth (65) exceeds the limit (64)"), f.reason());
        RailResult big = answering("{\"status\":\"" + "x".repeat(5 << 20) + "\"}",
                url -> new HttpPixRail(url, Duration.ofSeconds(10)).send(order.get()));
        assertTrue(assertInstanceOf(RailResult.Failed.class, big).reason().contains("answer over 4194304 bytes"), big.toString());
    }

    Path sparse(String name, long size) throws Exception {
        Path p = tmp.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return p;
    }
}
