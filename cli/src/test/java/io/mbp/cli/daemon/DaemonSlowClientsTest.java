package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, defect 6: clients that open connections and never finish their request must not freeze
 * the API. The bounds asserted are liveness bounds (an answer at all, a close at all), with wide
 * margins; speed lives in docs/benchmarks.md.
 */
class DaemonSlowClientsTest {
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ANSWER_BOUND).build();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    private final List<Socket> held = new ArrayList<>();

    @TempDir
    Path tmp;

    private Daemon daemon;
    private SigningClient api;

    private void start(Daemon.Options options) throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        OperatorKey key = OperatorKey.provision(url, clock);
        daemon = new Daemon(url, key.on(options), clock);
        daemon.start();
        api = key.client(daemon.port(), clock);
        assertEquals(201, post("/v2/markets", "m1", "{\"market\":\"M\",\"oracle_event\":\"EV\",\"outcomes\":[\"YES\",\"NO\"],"
                + "\"fee_bps\":200,\"liquidity\":100000,\"lp_account\":\"lp\",\"closes_at\":\"2026-11-28T00:00:00Z\"}").statusCode());
        assertEquals(201, post("/v2/deposits", "d1", "{\"account\":\"ana\",\"amount\":50000}").statusCode());
    }

    @AfterEach
    void stop() {
        for (Socket s : held) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed by the server
            }
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return http.send(api.request("POST", path, body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).timeout(ANSWER_BOUND)
                .header("Idempotency-Key", key).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> health() throws Exception {
        return http.send(api.request("GET", "/v2/health", null).timeout(ANSWER_BOUND).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A connection from {@code from} that sends nothing. */
    private Socket holdSilent(String from) throws IOException {
        Socket s = new Socket();
        held.add(s);
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", daemon.port()), 5_000);
        return s;
    }

    /** A connection from {@code from} that sends the start of a request header and then nothing. */
    private Socket holdPartialHeader(String from) throws IOException {
        Socket s = holdSilent(from);
        s.getOutputStream().write("POST /v2/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nIdempotency-Key: slow\r\nX-Slow: "
                .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** A connection from {@code from} that sends a whole header announcing a body, and no body. */
    private Socket holdMissingBody(String from) throws IOException {
        Socket s = holdSilent(from);
        s.getOutputStream().write(("POST /v2/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nIdempotency-Key: slow\r\nContent-Length: 100\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** True when the server closed {@code s} (EOF or reset) within {@code bound}. */
    private static boolean closedWithin(Socket s, Duration bound) throws IOException {
        s.setSoTimeout((int) bound.toMillis());
        InputStream in = s.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Test
    void aHundredHeldConnectionsDoNotFreezeHealthOrOrders() throws Exception {
        start(Daemon.Options.defaults(0));
        for (int i = 0; i < 100; i++) {
            switch (i % 3) {
                case 0 -> holdPartialHeader("127.0.0.1");
                case 1 -> holdMissingBody("127.0.0.1");
                default -> holdSilent("127.0.0.1");
            }
        }
        Thread.sleep(500); // let the server take them all in before the probes
        HttpResponse<String> h = health();
        assertEquals(200, h.statusCode(), h.body());
        HttpResponse<String> o = post("/v2/orders", "o1", "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\","
                + "\"amount\":1000}");
        assertEquals(201, o.statusCode(), o.body());
    }

    @Test
    void heldConnectionsAreClosedAfterTheReadTimeout() throws Exception {
        start(Daemon.Options.defaults(0).withHttpLimits(Duration.ofSeconds(1), Duration.ofSeconds(30), 256));
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            slow.add(switch (i % 3) {
                case 0 -> holdPartialHeader("127.0.0.1");
                case 1 -> holdMissingBody("127.0.0.1");
                default -> holdSilent("127.0.0.1");
            });
        }
        for (Socket s : slow) {
            assertTrue(closedWithin(s, ANSWER_BOUND), "a connection silent past the 1 s read timeout stays open");
        }
        assertEquals(200, health().statusCode());
    }

    @Test
    void aClientDrippingItsHeaderIsCutAtTheRequestDeadline() throws Exception {
        start(Daemon.Options.defaults(0).withHttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(2), 256));
        assertCutWhileDripping(holdPartialHeader("127.0.0.1"));
    }

    @Test
    void aClientDrippingItsBodyIsCutAtTheRequestDeadline() throws Exception {
        start(Daemon.Options.defaults(0).withHttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(2), 256));
        assertCutWhileDripping(holdMissingBody("127.0.0.1"));
    }

    private static void assertCutWhileDripping(Socket s) throws Exception {
        long t0 = System.nanoTime();
        boolean closed = false;
        // one byte every 300 ms never trips the 5 s read timeout; only the 2 s request deadline can end it
        while (!closed && System.nanoTime() - t0 < ANSWER_BOUND.toNanos()) {
            try {
                s.getOutputStream().write('a');
                s.getOutputStream().flush();
            } catch (IOException e) {
                closed = true;
                break;
            }
            closed = closedWithin(s, Duration.ofMillis(300));
        }
        assertTrue(closed, "a request dripping for " + ANSWER_BOUND + " is still open");
    }

    @Test
    void aClientOverThePerAddressCapIsRefusedAndOthersAreServed() throws Exception {
        start(Daemon.Options.defaults(0).withHttpLimits(Duration.ofSeconds(30), Duration.ofSeconds(30), 8));
        // Nine connections from one address: exactly one is refused. Which one depends on the order in
        // which the server's selector threads register them, not on the order of connect().
        List<Socket> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(holdPartialHeader("127.0.0.2"));
        }
        Socket refused = null;
        long deadline = System.nanoTime() + ANSWER_BOUND.toNanos();
        while (refused == null && System.nanoTime() < deadline) {
            for (Socket s : nine) {
                if (closedWithin(s, Duration.ofMillis(50))) {
                    refused = s;
                    break;
                }
            }
        }
        assertTrue(refused != null, "no connection of 127.0.0.2 was refused over the cap of 8");
        List<Socket> greedy = new ArrayList<>(nine);
        greedy.remove(refused);
        for (Socket s : greedy) {
            assertTrue(!closedWithin(s, Duration.ofMillis(300)), "more than one connection of 127.0.0.2 was refused");
        }
        // another address is served, and so are the greedy client's connections within its cap
        assertEquals(200, health().statusCode());
        Socket first = greedy.get(0);
        // the held request finishes signed, like any client's (auth is on)
        StringBuilder signature = new StringBuilder();
        api.headers("POST", "/v2/orders", "{}".getBytes(StandardCharsets.US_ASCII)).forEach((k, v) -> signature.append(k).append(": ")
                .append(v).append("\r\n"));
        first.getOutputStream().write(("1\r\n" + signature + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
                .getBytes(StandardCharsets.US_ASCII));
        first.getOutputStream().flush();
        first.setSoTimeout((int) ANSWER_BOUND.toMillis());
        String answer = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("MISSING_FIELD"), answer);
        // every closed connection, the refused one included, frees its place: 8 fit again
        for (Socket s : greedy) {
            s.close();
        }
        Thread.sleep(500);
        for (int i = 0; i < 7; i++) {
            holdPartialHeader("127.0.0.2");
        }
        Socket eighth = holdPartialHeader("127.0.0.2");
        assertTrue(!closedWithin(eighth, Duration.ofSeconds(1)), "places of closed connections are not given back");
    }
}
