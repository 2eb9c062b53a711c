package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.testing.Cli;
import io.mbp.cli.custody.Secrets;
import io.mbp.market.Shard;
import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: two daemons, shards 1/2 and 2/2, over one log. Each refuses the other's markets with 421
 * WRONG_SHARD naming the owner; both take orders at once for one account whose cash spans both shards;
 * afterwards the log is gapless, `mbp market check` holds and a seal over the combined log passes. On H2,
 * SQLite and PostgreSQL (skipped there only when no server is given; scripts/test gives one).
 */
class DaemonShardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @AfterEach
    void plainEnvironment() {
        Secrets.useEnvironment(null);
    }

    /** A market id that hashes to {@code shard} of 2. */
    private static String marketOf(int shard) {
        for (int k = 0; ; k++) {
            if (Shard.indexOf("PTAX-" + k, 2) == shard) {
                return "PTAX-" + k;
            }
        }
    }

    /** The admin key both shards verify (one log, one key). */
    private OperatorKey key;
    private final java.util.Map<Integer, SigningClient> signers = new java.util.concurrent.ConcurrentHashMap<>();

    private SigningClient api(int port) {
        return signers.computeIfAbsent(port, p -> key.client(p, Clock.systemUTC()));
    }

    private HttpResponse<String> post(int port, String path, String key, String body) throws Exception {
        return http.send(api(port).request("POST", path, body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .header("Idempotency-Key", key).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(api(port).request("GET", path, null).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String market(String id) {
        return "{\"market\":\"" + id + "\",\"oracle_event\":\"EV-" + id + "\",\"outcomes\":[\"YES\",\"NO\"],\"fee_bps\":200,"
                + "\"liquidity\":100000,\"lp_account\":\"lp\"}";
    }

    private static void assertWrongShard(HttpResponse<String> r, String market, String owner) throws Exception {
        assertEquals(421, r.statusCode(), r.body());
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertEquals("WRONG_SHARD", e.get("code").asText());
        assertEquals("market", e.get("field").asText());
        assertTrue(e.get("message").asText().contains("\"" + market + "\" belongs to shard " + owner), r.body());
        assertEquals(owner, r.headers().firstValue("MBP-Shard").orElse(""));
    }

    @EveryEngine
    void twoShardsTakeOrdersAtOnceAndTheCombinedLogChecksAndSeals(TestDatabase database) throws Exception {
        String url = database.url();
        String m1 = marketOf(1);
        String m2 = marketOf(2);
        // H2 may fail to reopen a file closed in the same JVM: one handle stays open for the whole test
        try (Database keepOpen = Database.openMigrated(url)) {
            key = OperatorKey.provision(url, Clock.systemUTC());
            Daemon a = new Daemon(url, key.on(Daemon.Options.defaults(0).withShard(new Shard(1, 2))), Clock.systemUTC());
            Daemon b = new Daemon(url, key.on(Daemon.Options.defaults(0).withShard(new Shard(2, 2))), Clock.systemUTC());
            a.start();
            b.start();
            try {
                assertWrongShard(post(a.port(), "/v2/markets", "c2-wrong", market(m2)), m2, "2/2");
                assertEquals(201, post(a.port(), "/v2/markets", "c1", market(m1)).statusCode());
                assertEquals(201, post(b.port(), "/v2/markets", "c2", market(m2)).statusCode());
                assertWrongShard(get(b.port(), "/v2/markets/" + m1), m1, "1/2");
                assertWrongShard(post(b.port(), "/v2/orders", "o-wrong", order(m1, 0)), m1, "1/2");
                // a batch (ADR 0155) is refused whole when one of its orders names a market of the other shard
                HttpResponse<String> mixed = post(b.port(), "/v2/orders/batch", "ob-wrong", "{\"orders\":[" + order(m2, 0) + ","
                        + order(m1, 1) + "]}");
                assertEquals(421, mixed.statusCode(), mixed.body());
                assertEquals("orders[1].market", JSON.readTree(mixed.body()).get("error").get("field").asText(), mixed.body());
                assertEquals("1/2", mixed.headers().firstValue("MBP-Shard").orElse(""));
                assertWrongShard(post(a.port(), "/v2/liquidity", "l-wrong",
                        "{\"market\":\"" + m2 + "\",\"account\":\"lp\",\"amount\":100}"), m2, "2/2");
                assertEquals(200, get(a.port(), "/v2/markets/" + m1).statusCode());
                JsonNode listed = JSON.readTree(get(a.port(), "/v2/markets").body());
                assertEquals(1, listed.size(), listed.toString());
                assertEquals("1/2", JSON.readTree(get(a.port(), "/v2/health").body()).get("shard").asText());
                assertEquals("2/2", JSON.readTree(get(b.port(), "/v2/health").body()).get("shard").asText());
                // accounts span shards: a deposit on either daemon funds orders on both
                assertEquals(201, post(a.port(), "/v2/deposits", "d1", "{\"account\":\"ana\",\"amount\":30000}").statusCode());
                assertEquals(201, post(b.port(), "/v2/deposits", "d2", "{\"account\":\"ana\",\"amount\":30000}").statusCode());

                // 2 x 40 orders of 1000 centavos against 60000 of cash: both shards spend one balance at once
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int k = 0; k < 40; k++) {
                    int n = k;
                    answers.add(pool.submit(() -> post(a.port(), "/v2/orders", "a" + n, order(m1, n)).statusCode()));
                    answers.add(pool.submit(() -> post(b.port(), "/v2/orders", "b" + n, order(m2, n)).statusCode()));
                }
                int filled = 0;
                int refused = 0;
                for (Future<Integer> f : answers) {
                    int s = f.get();
                    if (s == 201) {
                        filled++;
                    } else {
                        assertEquals(409, s, "only INSUFFICIENT_FUNDS may refuse an order here");
                        refused++;
                    }
                }
                pool.shutdown();
                assertEquals(60, filled, "exactly the cash the two deposits brought was spent, across both shards");
                assertEquals(20, refused);
                JsonNode ana = JSON.readTree(get(a.port(), "/v2/accounts/ana").body());
                assertTrue(ana.toString().contains("\"cash\":0"), ana.toString());
            } finally {
                a.close();
                b.close();
            }
            Secrets.useEnvironment(Map.of("MBP_KEY_PASSPHRASE", "test passphrase",
                    "MBP_KEYFILE", tmp.resolve("keys.json").toString())::get);
            Cli.ok(url, "market", "check");
            Cli.ok(url, "keys", "init");
            long size;
            try (Database db = Database.openMigrated(url)) {
                size = ShardedLogs.size(db);
                long[] rows = ShardedLogs.rows(db);
                assertEquals(-1, rows[1], "gapless: every seq is its position");
                assertEquals(size, rows[0], "gapless: seq runs 0..size-1");
            }
            String sealed = Cli.ok(url, "seal");
            assertTrue(sealed.contains("sealed checkpoint #1: " + size + " events"), size + " events expected: " + sealed);
        }
    }

    @org.junit.jupiter.api.Test
    void aShardThatIsNotIOverNIsAUsageError() {
        for (String bad : new String[] {"3/2", "0/2", "two"}) {
            Cli.Run r = Cli.mbpOn("jdbc:h2:mem:shard", "daemon", "--port", "0", "--shard", bad);
            assertEquals(2, r.code(), bad + ": " + r.err());
            assertTrue(r.err().contains("--shard: shard must be i/n"), r.err());
        }
    }

    private static String order(String market, int n) {
        return "{\"market\":\"" + market + "\",\"account\":\"ana\",\"outcome\":\"" + (n % 2 == 0 ? "YES" : "NO")
                + "\",\"side\":\"buy\",\"amount\":1000}";
    }
}
