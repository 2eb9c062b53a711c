package io.mbp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The requests wrk sends are signed here beforehand: each write once, every timestamp inside the daemon's window. */
class WrkLoadTest {
    private static final long NOW = 1_795_781_400L;
    private static final RequestSigner SIGNER = RequestSigner.hmac("mbpk_0123456789abcdef", "secret".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path tmp;

    @Test
    void everyWriteHasItsOwnTimestampAndSignatureInsideTheWindow() throws Exception {
        int clients = 32;
        Path file = WrkLoad.write(tmp, SIGNER, NOW, 200_000, k -> order(clients, k));
        Set<String> seen = new HashSet<>();
        Set<String> keys = new HashSet<>();
        long lines = 0;
        long lastTs = Long.MIN_VALUE;
        try (Reader r = Files.newBufferedReader(file)) {
            for (CSVRecord rec : CSVFormat.TDF.builder().setQuote(null).get().parse(r)) {
                assertEquals(7, rec.size(), rec.toString());
                long ts = Long.parseLong(rec.get(4));
                assertTrue(Math.abs(ts - NOW) <= 240, "inside the daemon's ±300 s: " + ts);
                assertTrue(ts >= lastTs, "timestamps only grow, so the oldest are sent first");
                lastTs = ts;
                assertTrue(seen.add(ts + " " + rec.get(5)), "a write signed twice is a replay: line " + lines);
                assertTrue(keys.add(rec.get(2)), "idempotency key reused: " + rec.get(2));
                String expected = SIGNER.headers(ts, "POST", "/v2/orders", rec.get(6).getBytes(StandardCharsets.UTF_8)).get("MBP-Signature");
                assertEquals(expected, rec.get(5), "the signature is the body's, as sent");
                lines++;
            }
        }
        assertEquals(200_000, lines);
        assertTrue(lastTs - NOW > 200, "spread over the window, not bunched: " + (lastTs - NOW));
    }

    @Test
    void tooFewDifferentBodiesForTheRequestsASecondIsRefused() {
        // one client has 1,600 different orders; 1,000,000 requests over 480 s need 2,084 a second
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WrkLoad.write(tmp, SIGNER, NOW, 1_000_000, k -> order(1, k)));
        assertTrue(e.getMessage().contains("repeats a write signed in the same second"), e.getMessage());
    }

    private static WrkLoad.Signed order(int clients, long k) {
        int client = (int) (k % clients);
        long i = k / clients;
        return new WrkLoad.Signed("POST", "/v2/orders", "w" + client + "-" + i, BenchDaemonCommand.orderBody(client, i));
    }
}
