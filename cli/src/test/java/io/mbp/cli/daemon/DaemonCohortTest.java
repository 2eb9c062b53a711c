package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.canary.CanaryService;
import io.mbp.canary.Cohort;
import io.mbp.canary.ReleaseParams;
import io.mbp.cli.testing.Cli;
import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issue 16 (ADR 0321): a stable and a canary daemon, `--cohort stable` and `--cohort canary`, over one
 * log. With no canary the canary daemon owns nothing; once a 20% canary starts each takes orders only
 * for its cohort's markets (the same bucket function as the canary) and refuses the other's with 421
 * WRONG_SHARD naming the owning cohort; after the rollback the canary daemon owns none again.
 */
class DaemonCohortTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private OperatorKey key;
    private final Map<Integer, SigningClient> signers = new ConcurrentHashMap<>();

    /** A market id whose canary bucket is inside (or outside) a 20% cohort. */
    private static String marketIn(boolean canary) {
        for (int k = 0; ; k++) {
            if (Cohort.contains(20, "PTAX-" + k) == canary) {
                return "PTAX-" + k;
            }
        }
    }

    private HttpResponse<String> post(int port, String path, String idem, String body) throws Exception {
        SigningClient c = signers.computeIfAbsent(port, p -> key.client(p, Clock.systemUTC()));
        HttpRequest r = c.request("POST", path, body.getBytes(StandardCharsets.UTF_8)).header("Idempotency-Key", idem).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode health(int port) throws Exception {
        SigningClient c = signers.computeIfAbsent(port, p -> key.client(p, Clock.systemUTC()));
        return JSON.readTree(http.send(c.request("GET", "/v2/health", null).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static String market(String id) {
        return "{\"market\":\"" + id + "\",\"oracle_event\":\"EV-" + id + "\",\"outcomes\":[\"YES\",\"NO\"],\"fee_bps\":200,"
                + "\"liquidity\":100000,\"lp_account\":\"lp\"}";
    }

    private static String order(String market) {
        return "{\"market\":\"" + market + "\",\"account\":\"ana\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":1000}";
    }

    private static void assertOtherCohort(HttpResponse<String> r, String market, String owner) throws Exception {
        assertEquals(421, r.statusCode(), r.body());
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertEquals("WRONG_SHARD", e.get("code").asText());
        assertEquals("market", e.get("field").asText());
        assertTrue(e.get("message").asText().contains("\"" + market + "\" belongs to the " + owner + " cohort"), r.body());
        assertEquals(owner, r.headers().firstValue("MBP-Cohort").orElse(""));
    }

    /** Waits (the daemons follow the log every second) until the canary daemon reads {@code release} (null: none). */
    private void awaitCanary(int port, String release) throws Exception {
        long until = System.nanoTime() + 20_000_000_000L;
        JsonNode h = health(port);
        while (!h.path("canary_release").asText("").equals(release == null ? "" : release) && System.nanoTime() < until) {
            Thread.sleep(100);
            h = health(port);
        }
        assertEquals(release == null ? "" : release, h.path("canary_release").asText(""), h.toString());
    }

    @EveryEngine
    void eachDaemonTakesOnlyItsCohortAndTheCanaryOwnsNoneAfterRollback(TestDatabase database) throws Exception {
        String url = database.url();
        String inCanary = marketIn(true);
        String outside = marketIn(false);
        // H2 may fail to reopen a file closed in the same JVM: one handle stays open for the whole test
        try (Database db = Database.openMigrated(url)) {
            key = OperatorKey.provision(url, Clock.systemUTC());
            Daemon stable = new Daemon(url, key.on(Daemon.Options.defaults(0).withCohort("stable")), Clock.systemUTC());
            Daemon canary = new Daemon(url, key.on(Daemon.Options.defaults(0).withCohort("canary")), Clock.systemUTC());
            stable.start();
            canary.start();
            try {
                // no canary running: the stable daemon owns every market, the canary daemon none
                assertEquals("canary", health(canary.port()).get("cohort").asText());
                assertOtherCohort(post(canary.port(), "/v2/markets", "m-wrong", market(inCanary)), inCanary, "stable");
                assertEquals(201, post(stable.port(), "/v2/markets", "m1", market(inCanary)).statusCode());
                assertEquals(201, post(stable.port(), "/v2/markets", "m2", market(outside)).statusCode());
                assertEquals(201, post(stable.port(), "/v2/deposits", "d1", "{\"account\":\"ana\",\"amount\":30000}").statusCode());

                CanaryService canaries = new CanaryService(db, Clock.systemUTC());
                canaries.start(new ReleaseParams("1.5.0", 210, 1_000, 2_000, 3_000, 600, 200, "cd".repeat(32)), List.of(20L, 100L),
                        Duration.ofHours(1));
                awaitCanary(canary.port(), "1.5.0");
                awaitCanary(stable.port(), "1.5.0"); // both daemons follow the one canary
                assertEquals(201, post(canary.port(), "/v2/orders", "o1", order(inCanary)).statusCode());
                assertOtherCohort(post(canary.port(), "/v2/orders", "o2", order(outside)), outside, "stable");
                assertOtherCohort(post(stable.port(), "/v2/orders", "o3", order(inCanary)), inCanary, "canary");
                assertEquals(201, post(stable.port(), "/v2/orders", "o4", order(outside)).statusCode());

                canaries.rollback("drill", false);
                awaitCanary(canary.port(), null);
                awaitCanary(stable.port(), null);
                assertOtherCohort(post(canary.port(), "/v2/orders", "o5", order(inCanary)), inCanary, "stable");
                assertEquals(201, post(stable.port(), "/v2/orders", "o6", order(inCanary)).statusCode());
            } finally {
                stable.close();
                canary.close();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aCohortWithAShardOrOfAnotherNameIsAUsageError() {
        String[][] bad = {{"--cohort", "canary", "--shard", "1/2"}, {"--cohort", "canary", "--shard", "1/1"}, {"--cohort", "blue"}};
        String[] said = {"mutually exclusive", "mutually exclusive", "--cohort: cohort must be canary or stable"};
        for (int k = 0; k < bad.length; k++) {
            String[] args = new String[4 + bad[k].length];
            System.arraycopy(new String[] {"--db", "jdbc:h2:mem:cohort", "daemon", "--port=0"}, 0, args, 0, 4);
            System.arraycopy(bad[k], 0, args, 4, bad[k].length);
            Cli.Run r = Cli.mbp(args);
            assertEquals(2, r.code(), String.join(" ", bad[k]) + ": " + r.err());
            assertTrue(r.err().contains(said[k]), r.err());
        }
    }
}
