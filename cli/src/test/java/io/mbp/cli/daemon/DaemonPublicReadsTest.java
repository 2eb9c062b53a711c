package io.mbp.cli.daemon;

import io.mbp.cli.testing.Cli;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.oracle.OracleCliTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public read routes on a real daemon over the oracle's sample day, sealed: the oracle's event,
 * rounds, finalization and disputes as the log has them, and GET /v2/proofs/{seq} byte for byte the
 * file `mbp proof export` writes, which `mbp verify-anchor --url` then verifies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaemonPublicReadsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    final Map<String, String> env = new HashMap<>();
    final HttpClient http = HttpClient.newHttpClient();
    String db;
    Daemon daemon;

    Run mbp(String... args) {
        return Cli.mbpOn(db, args);
    }

    Run ok(String... args) {
        Run r = mbp(args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + ": " + r.out() + r.err());
        return r;
    }

    @BeforeAll
    void sealedSampleDayAndADaemon() throws Exception {
        env.put("MBP_KEY_PASSPHRASE", "test passphrase");
        env.put("MBP_KEYFILE", tmp.resolve("keys/operator-keys.json").toString());
        Secrets.useEnvironment(env::get);
        db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        OracleCliTest.sampleDay(db, tmp);
        ok("keys", "init");
        ok("seal");
        daemon = new Daemon(db, Daemon.Options.defaults(0), Clock.systemUTC());
        daemon.start();
    }

    @AfterAll
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        Secrets.useEnvironment(null);
    }

    HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode json(String path, int status) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertEquals(status, r.statusCode(), () -> path + ": " + new String(r.body()));
        return JSON.readTree(r.body());
    }

    @Test
    void listsTheOracleEventsAndShowsOneWithItsFinalAnswer() throws Exception {
        JsonNode list = json("/v2/oracle/events", 200);
        assertEquals(10, list.size());
        list.forEach(e -> assertTrue(e.get("finalized").asBoolean(), e.toString()));
        JsonNode e = json("/v2/oracle/events/ptax-usdbrl-2026-11-27", 200);
        assertEquals("finalized", e.get("phase").asText());
        assertEquals("5.3587", e.get("finalized").get("value").asText());
        assertTrue(!e.has("explanation") && !e.has("rounds"), e.toString());
    }

    @Test
    void roundsComeFromTheLogWithEachSourcesStatus() throws Exception {
        JsonNode r = json("/v2/oracle/events/ptax-usdbrl-2026-11-27/rounds", 200);
        JsonNode rounds = r.get("rounds");
        // more than the 12 recent rounds the oracle's state keeps: these are the projection's, all of them
        assertTrue(rounds.size() > 12, "rounds: " + rounds.size());
        JsonNode last = rounds.get(rounds.size() - 1);
        assertTrue(rounds.get(0).get("at").asText().compareTo(last.get("at").asText()) < 0, "oldest first");
        boolean outlier = false;
        for (JsonNode s : last.get("sources")) {
            outlier |= s.get("source").asText().equals("latam-wire") && s.get("status").asText().equals("outlier");
        }
        assertTrue(outlier, "latam-wire is the sample day's outlier: " + last);
        assertEquals("RoundAggregated", logType(last.get("seq").asLong()));
    }

    @Test
    void finalizationNamesItsLogSeqAndDisputesTheCommittee() throws Exception {
        JsonNode f = json("/v2/oracle/events/eleicao-oab-sp-2026/finalization", 200);
        assertEquals("chapa_1", f.get("outcome").asText());
        assertEquals("committee", f.get("via").asText());
        assertEquals("Finalized", logType(f.get("seq").asLong()));
        assertEquals("/v2/proofs/" + f.get("seq").asLong(), f.get("proof").asText());
        JsonNode d = json("/v2/oracle/events/eleicao-oab-sp-2026/disputes", 200);
        assertEquals(2, d.get("disputes").size());
        assertEquals("chapa-2", d.get("disputes").get(0).get("by").asText());
        assertTrue(d.get("escalation").hasNonNull("deadline"), d.toString());
        assertEquals(List.of("comite-ana", "comite-bruno"), List.of(d.get("committee").get("signers").get(0).asText(),
                d.get("committee").get("signers").get(1).asText()));
        assertEquals(0, json("/v2/oracle/events/ptax-usdbrl-2026-11-27/disputes", 200).get("disputes").size());
    }

    @Test
    void unknownEventsAndViewsAreCatalogued() throws Exception {
        assertEquals("UNKNOWN_ORACLE_EVENT", json("/v2/oracle/events/selic-2099", 404).get("error").get("code").asText());
        assertEquals("UNKNOWN_ORACLE_EVENT", json("/v2/oracle/events/selic-2099/rounds", 404).get("error").get("code").asText());
        assertEquals("NOT_FOUND", json("/v2/oracle/events/ptax-usdbrl-2026-11-27/gossip", 404).get("error").get("code").asText());
        assertEquals("UNKNOWN_EVENT", json("/v2/proofs/99999999", 404).get("error").get("code").asText());
        assertEquals("INVALID_FIELD", json("/v2/proofs/-1", 400).get("error").get("code").asText());
        HttpResponse<byte[]> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + "/v2/proofs/1"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, post.statusCode());
    }

    @Test
    void theProofRouteServesTheExportedFileByteForByteAndVerifiesByUrl() throws Exception {
        JsonNode f = json("/v2/oracle/events/ptax-usdbrl-2026-11-27/finalization", 200);
        long seq = f.get("seq").asLong();
        Path file = tmp.resolve("proof-" + seq + ".json");
        ok("proof", "export", "--seq", Long.toString(seq), "--out", file.toString());
        HttpResponse<byte[]> served = get("/v2/proofs/" + seq);
        assertEquals(200, served.statusCode());
        assertArrayEquals(Files.readAllBytes(file), served.body());

        Path pub = tmp.resolve("pub.txt");
        ok("keys", "export-public", "--out", pub.toString());
        String url = "http://127.0.0.1:" + daemon.port() + "/v2/proofs/" + seq;
        Run v = ok("verify-anchor", "--url", url, "--pubkey", pub.toString(), "--offline");
        assertTrue(v.out().contains("VERIFIED OFFLINE: event " + seq + " is in the signed checkpoint"), v.out());
        assertEquals(ok("verify-anchor", "--proof", file.toString(), "--pubkey", pub.toString(), "--offline").out(), v.out());
    }

    @Test
    void verifyByUrlRefusesWhatIsNotAProofAndSaysWhenNobodyAnswers() throws Exception {
        Path pub = tmp.resolve("pub2.txt");
        ok("keys", "export-public", "--out", pub.toString());
        Run notSealed = mbp("verify-anchor", "--url", "http://127.0.0.1:" + daemon.port() + "/v2/proofs/99999999", "--pubkey",
                pub.toString(), "--offline");
        assertEquals(4, notSealed.code(), notSealed.err());
        assertTrue(notSealed.err().contains("HTTP 404 UNKNOWN_EVENT"), notSealed.err());
        Run notAProof = mbp("verify-anchor", "--url", "http://127.0.0.1:" + daemon.port() + "/v2/health", "--pubkey",
                pub.toString(), "--offline");
        assertEquals(4, notAProof.code(), notAProof.err());
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run down = mbp("verify-anchor", "--url", "http://127.0.0.1:" + closed + "/v2/proofs/1", "--pubkey", pub.toString(), "--offline");
        assertEquals(5, down.code(), down.err());
        Run both = mbp("verify-anchor", "--url", "http://127.0.0.1:1/", "--proof", "x.json", "--pubkey", pub.toString());
        assertEquals(2, both.code(), both.err());
        Run ftp = mbp("verify-anchor", "--url", "ftp://127.0.0.1/x", "--pubkey", pub.toString(), "--offline");
        assertEquals(2, ftp.code(), ftp.err());

        // a server that sends more than one JSON document may be is cut off at the limit, not read whole
        com.sun.net.httpserver.HttpServer huge = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        huge.createContext("/", ex -> {
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[1 << 16];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (var out = ex.getResponseBody()) {
                for (int i = 0; i < 80; i++) {
                    out.write(chunk);
                }
            } catch (java.io.IOException ignored) {
                // the verifier stopped reading
            }
        });
        huge.start();
        try {
            Run big = mbp("verify-anchor", "--url", "http://127.0.0.1:" + huge.getAddress().getPort() + "/p", "--pubkey", pub.toString(),
                    "--offline");
            assertEquals(4, big.code(), big.err());
            assertTrue(big.err().contains("over the limit"), big.err());
        } finally {
            huge.stop(0);
        }
    }

    private String logType(long seq) throws Exception {
        try (io.mbp.sql.Database d = io.mbp.sql.Database.open(db)) {
            return new io.mbp.events.EventLog(d).get(seq).type();
        }
    }
}
