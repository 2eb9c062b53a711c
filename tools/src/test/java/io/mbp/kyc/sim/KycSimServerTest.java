package io.mbp.kyc.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.mbp.kyc.CallbackSignature;
import io.mbp.kyc.HttpKycProvider;
import io.mbp.kyc.KycProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The simulated vendor through the HTTP adapter: idempotent verdicts, first-request hangs, liveness, duplicate callbacks. */
class KycSimServerTest {
    static final byte[] SECRET = "a secret the simulator shares with the daemon".getBytes(StandardCharsets.UTF_8);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    static KycProvider.Request request(String subject, boolean liveness) {
        return new KycProvider.Request(subject, "Zefira Quintanilha", "52998224725", "1990-01-01", liveness);
    }

    @Test
    void verdictsAreIdempotentPerSubjectAndFollowTheShares() throws Exception {
        try (KycSimServer s = new KycSimServer(new KycSimulator(new KycSimConfig(3, 0, 0, 0, 0, 100, false, 0, null)), 0).start()) {
            KycProvider p = new HttpKycProvider(s.baseUrl(), Duration.ofSeconds(5));
            KycProvider.Verdict first = p.verify(request("sub-1", false));
            assertEquals("review", first.outcome());
            assertEquals(first, p.verify(request("sub-1", false)));
            assertEquals(1, s.simulator().decided());
            KycProvider.Verdict badCpf = p.verify(new KycProvider.Request("sub-2", "Zefira Quintanilha", "52998224724", "1990-01-01", true));
            assertEquals("rejected", badCpf.outcome());
            assertEquals("document_invalid", badCpf.reason());
        }
        try (KycSimServer s = new KycSimServer(new KycSimulator(new KycSimConfig(3, 0, 0, 0, 0, 0, true, 0, null)), 0).start()) {
            KycProvider p = new HttpKycProvider(s.baseUrl(), Duration.ofSeconds(5));
            assertEquals("liveness_missing", p.verify(request("sub-3", false)).reason());
            assertEquals("approved", p.verify(request("sub-4", true)).outcome());
        }
    }

    @Test
    void aHangingFirstRequestTimesOutAndTheRetryIsAnswered() throws Exception {
        try (KycSimServer s = new KycSimServer(new KycSimulator(new KycSimConfig(3, 0, 100, 2000, 0, 0, false, 0, null)), 0).start()) {
            KycProvider p = new HttpKycProvider(s.baseUrl(), Duration.ofMillis(300));
            KycProvider.ProviderUnavailableException e = assertThrows(KycProvider.ProviderUnavailableException.class,
                    () -> p.verify(request("sub-9", false)));
            assertTrue(e.getMessage().contains("sub-9") && !e.getMessage().contains("52998224725"), e.getMessage());
            assertEquals("approved", new HttpKycProvider(s.baseUrl(), Duration.ofSeconds(5)).verify(request("sub-9", false)).outcome());
        }
        assertThrows(KycProvider.ProviderUnavailableException.class,
                () -> new HttpKycProvider("http://127.0.0.1:9", Duration.ofMillis(500)).verify(request("sub-x", false)));
    }

    @Test
    void callbacksAreDeliveredTwiceForTheDuplicateShare() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        List<String> signatures = new CopyOnWriteArrayList<>();
        receiver.createContext("/kyc-callback", x -> {
            received.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            signatures.add(String.valueOf(x.getRequestHeaders().getFirst(CallbackSignature.HEADER)));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        receiver.start();
        try (KycSimServer s = new KycSimServer(new KycSimulator(new KycSimConfig(3, 0, 0, 0, 0, 0, false, 100,
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/kyc-callback")), 0).signCallbacks(SECRET, CLOCK).start()) {
            new HttpKycProvider(s.baseUrl(), Duration.ofSeconds(5)).verify(request("sub-5", false));
            for (int i = 0; i < 100 && received.size() < 2; i++) {
                Thread.sleep(50);
            }
        } finally {
            receiver.stop(0);
        }
        assertEquals(2, received.size());
        assertEquals(received.get(0), received.get(1));
        assertTrue(received.get(0).contains("\"subject\":\"sub-5\"") && !received.get(0).contains("52998224725"), received.get(0));
        CallbackSignature sig = new CallbackSignature(SECRET);
        for (String h : signatures) {
            assertEquals(java.util.Optional.empty(), sig.check(h, received.get(0).getBytes(StandardCharsets.UTF_8), CLOCK.instant()), h);
        }
    }

    @Test
    void aRequestsOwnLoopbackCallbackUrlWinsAndAnyOtherHostIsIgnored() throws Exception {
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        receiver.createContext("/", x -> {
            paths.add(x.getRequestURI().getPath());
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        receiver.start();
        String at = "http://127.0.0.1:" + receiver.getAddress().getPort();
        try (KycSimServer s = new KycSimServer(new KycSimulator(new KycSimConfig(3, 0, 0, 0, 0, 0, false, 0, at + "/configured")), 0)
                .signCallbacks(SECRET, CLOCK).start()) {
            new HttpKycProvider(s.baseUrl(), Duration.ofSeconds(5), at + "/per-request").verify(request("sub-6", false));
            new HttpKycProvider(s.baseUrl(), Duration.ofSeconds(5), "http://example.com/steal").verify(request("sub-7", false));
            for (int i = 0; i < 100 && s.callbacksDelivered() < 2; i++) {
                Thread.sleep(50);
            }
            assertEquals(2, s.callbacksDelivered());
        } finally {
            receiver.stop(0);
        }
        // the two callbacks may cross (the simulator answers first, then calls back from its pool)
        assertEquals(java.util.Set.of("/per-request", "/configured"), java.util.Set.copyOf(paths));
        assertEquals(2, paths.size());
    }
}
