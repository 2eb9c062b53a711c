package io.mbp.apiclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The signature keeps per-thread Mac and MessageDigest instances (the daemon verifies every request):
 * reusing them across keys, bodies and threads must give exactly what fresh JDK instances give.
 */
class RequestSignatureTest {
    /** docs/api-auth.md, computed with fresh instances. */
    private static String fresh(String secret, long ts, String method, String path, byte[] body) throws Exception {
        String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((ts + "\n" + method + "\n" + path + "\n" + bodyHash).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void reusedInstancesSignLikeFreshOnesAcrossKeysBodiesAndThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        // alternate keys and body sizes on the same thread, so a stale key or digest state would show
                        String secret = "secret-" + ((i + thread) % 3);
                        byte[] body = ("{\"amount\":" + i + "}").repeat(1 + i % 7).getBytes(StandardCharsets.UTF_8);
                        long ts = 1_764_547_200L + i;
                        String sig = RequestSignature.sign(secret, ts, "POST", "/v2/orders", i % 5 == 0 ? new byte[0] : body);
                        assertEquals(fresh(secret, ts, "POST", "/v2/orders", i % 5 == 0 ? new byte[0] : body), sig);
                        assertTrue(RequestSignature.matches(secret, ts, "POST", "/v2/orders", i % 5 == 0 ? new byte[0] : body, sig));
                        assertFalse(RequestSignature.matches(secret + "x", ts, "POST", "/v2/orders", i % 5 == 0 ? new byte[0] : body, sig));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
