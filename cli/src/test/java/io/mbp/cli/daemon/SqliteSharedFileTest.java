package io.mbp.cli.daemon;

import io.mbp.cli.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.custody.Secrets;
import io.mbp.sql.Database;
import io.mbp.sql.Engine;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0115: on the embedded default (a SQLite file) the daemon and a batch job share the file with no
 * server between them. Orders are acknowledged while seals run on their own connections; no writer
 * fails on the file lock (busy_timeout), the log stays gapless, and the last seal covers every ack.
 */
class SqliteSharedFileTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @AfterEach
    void plainEnvironment() {
        Secrets.useEnvironment(null);
    }

    @Test
    void theDaemonAcksOrdersWhileSealsRunOnTheSameSqliteFile() throws Exception {
        String url = "jdbc:sqlite:" + tmp.resolve("mbp.sqlite").toAbsolutePath();
        assertEquals(Engine.of(Database.DEFAULT_URL), Engine.of(url), "the default engine");
        Secrets.useEnvironment(Map.of("MBP_KEY_PASSPHRASE", "test passphrase",
                "MBP_KEYFILE", tmp.resolve("keys.json").toString())::get);
        OperatorKey key = OperatorKey.provision(url, Clock.systemUTC());
        Daemon daemon = new Daemon(url, key.on(Daemon.Options.defaults(0)), Clock.systemUTC());
        daemon.start();
        SigningClient api = key.client(daemon.port(), Clock.systemUTC());
        int acked = 0;
        try {
            assertEquals(201, post(api, "/v2/markets", "m", "{\"market\":\"PTAX-S\",\"oracle_event\":\"EV-S\","
                    + "\"outcomes\":[\"YES\",\"NO\"],\"fee_bps\":200,\"liquidity\":100000,\"lp_account\":\"lp\"}").statusCode());
            assertEquals(201, post(api, "/v2/deposits", "d", "{\"account\":\"ana\",\"amount\":100000}").statusCode());
            Cli.ok(url, "keys", "init");
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int k = 0; k < 30; k++) {
                int n = k;
                answers.add(pool.submit(() -> post(api, "/v2/orders", "o" + n, "{\"market\":\"PTAX-S\",\"account\":\"ana\","
                        + "\"outcome\":\"" + (n % 2 == 0 ? "YES" : "NO") + "\",\"side\":\"buy\",\"amount\":1000}").statusCode()));
            }
            // the batch side: seals on their own connections while the orders arrive
            for (int s = 0; s < 2; s++) {
                String sealed = Cli.ok(url, "seal");
                assertTrue(sealed.contains("sealed checkpoint") || sealed.contains("nothing"), sealed);
            }
            for (Future<Integer> f : answers) {
                assertEquals(201, (int) f.get(), "every order is acknowledged; none fails on the shared file's lock");
                acked++;
            }
            pool.shutdown();
        } finally {
            daemon.close();
        }
        assertEquals(30, acked);
        long size;
        try (Database db = Database.openMigrated(url)) {
            size = ShardedLogs.size(db);
            long[] rows = ShardedLogs.rows(db);
            assertEquals(-1, rows[1], "gapless: every seq is its position");
            assertEquals(size, rows[0]);
        }
        Cli.ok(url, "market", "check");
        String last = Cli.ok(url, "seal");
        assertTrue(last.contains(size + " events"), size + " events: " + last);
    }

    private HttpResponse<String> post(SigningClient api, String path, String idempotencyKey, String body) throws Exception {
        return http.send(api.request("POST", path, body.getBytes(StandardCharsets.UTF_8))
                .header("Idempotency-Key", idempotencyKey).build(), HttpResponse.BodyHandlers.ofString());
    }
}
