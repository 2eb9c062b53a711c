package io.mbp.cli.daemon;

import io.mbp.sql.Engine;
import io.mbp.sql.testing.ChildJvm;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.catalog.EventCatalog;
import io.mbp.cli.testing.Cli;
import io.mbp.events.EventLog;
import io.mbp.market.Invariants;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.market.OrderFilled;
import io.mbp.sql.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 the daemon (a real process) while clients stream orders; restart it: every acknowledged
 * order is in the log exactly once, retrying every attempted key executes nothing twice, the
 * invariants hold. Then SIGTERM drains: exit 0, nothing acknowledged is lost.
 */
class DaemonCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private record Running(Process process, int port) {
    }

    /** The child daemon's vault key (in its environment) and the admin key the test signs with. */
    private OperatorKey.ForProcess keys;
    private final Map<Integer, SigningClient> signers = new ConcurrentHashMap<>();

    /** More `mbp daemon` options for both starts (the fsync off the engine thread's run). */
    private List<String> daemonOptions = List.of();
    /** What a test checks on the database between the kill and the restart. */
    private java.util.function.Consumer<String> afterKill = url -> { };

    private Running startDaemon(String url) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--db", url, "daemon", "--port", "0"));
        args.addAll(daemonOptions);
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command("io.mbp.cli.Main", args.toArray(String[]::new)));
        keys.env(pb.environment());
        pb.redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "daemon-crash-test.err").toFile()));
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("listening on 127.0.0.1:"), "daemon said: " + line);
        return new Running(p, Integer.parseInt(line.substring(line.lastIndexOf(':') + 1)));
    }

    private HttpResponse<String> post(int port, String path, String key, String body) throws Exception {
        SigningClient api = signers.computeIfAbsent(port, p -> keys.key().client(p, java.time.Clock.systemUTC()));
        return http.send(api.request("POST", path, body.getBytes(StandardCharsets.UTF_8)).timeout(Duration.ofSeconds(10))
                .header("Idempotency-Key", key).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String order(int client, int i) {
        return "{\"market\":\"M\",\"account\":\"acct-" + client + "\",\"outcome\":\"" + (i % 2 == 0 ? "YES" : "NO")
                + "\",\"side\":\"buy\",\"amount\":" + (100 + i) + "}"; // no two alike: a signed write is accepted once
    }

    @EveryEngine
    void acknowledgedOrdersSurviveKillNineExactlyOnce(TestDatabase engine) throws Exception {
        // The daemon runs in a child process beside this one: H2 needs its mixed mode for that.
        killNineThenRetryEveryKey(engine.url() + (engine.is(Engine.H2) ? ";AUTO_SERVER=TRUE" : ""));
    }

    /** ADR 0124: with SQLite's fsync on a thread of its own the answers still wait for it. */
    @org.junit.jupiter.api.Test
    void acknowledgedOrdersSurviveKillNineWithTheFsyncOffTheEngineThread() throws Exception {
        daemonOptions = List.of("--fsync-off-engine");
        killNineThenRetryEveryKey("jdbc:sqlite:" + tmp.resolve("off-engine.sqlite"));
    }

    /**
     * ADR 0127: snapshots every 50 events, frozen on the engine thread and rendered and written off it while the
     * orders stream; the restart after kill -9 starts from the newest complete one and answers every retry once.
     */
    @org.junit.jupiter.api.Test
    void acknowledgedOrdersSurviveKillNineAmongSnapshots() throws Exception {
        daemonOptions = List.of("--snapshot-every", "50");
        String url = "jdbc:sqlite:" + tmp.resolve("snapshots.sqlite");
        afterKill = u -> {
            try (Database db = Database.open(u)) { // written while it ran: a kill -9 writes none
                assertTrue(db.read(dsl -> dsl.fetchCount(io.mbp.sql.schema.Tables.MARKET_SNAPSHOTS)) > 0, "snapshots written while serving");
            }
        };
        killNineThenRetryEveryKey(url);
        try (Database db = Database.open(url)) {
            long kept = db.read(dsl -> dsl.fetchCount(dsl.selectDistinct(io.mbp.sql.schema.Tables.MARKET_SNAPSHOTS.COVERS)
                    .from(io.mbp.sql.schema.Tables.MARKET_SNAPSHOTS)));
            assertTrue(kept >= 1 && kept <= 2, "the two newest complete snapshots are kept: " + kept);
            MarketService fromSnapshot = new MarketService(db, new MarketEngine(), Clock.systemUTC());
            assertTrue(fromSnapshot.loadFromSnapshot() > 400, "a start from a snapshot, not the whole log");
            MarketService full = new MarketService(db, new MarketEngine(), Clock.systemUTC());
            full.load();
            assertEquals(full.state().digest(), fromSnapshot.state().digest());
        }
    }

    private void killNineThenRetryEveryKey(String url) throws Exception {
        Cli.ok(url, "market", "create", "--id", "M", "--oracle-event", "EV", "--outcomes", "YES,NO", "--liquidity", "100000000",
            "--lp-account", "lp");
        keys = OperatorKey.provisionFile(url, tmp, java.time.Clock.systemUTC());

        Running d = startDaemon(url);
        int clients = 6;
        for (int c = 0; c < clients; c++) {
            assertEquals(201, post(d.port(), "/v2/deposits", "dep-" + c, "{\"account\":\"acct-" + c + "\",\"amount\":100000000}").statusCode());
        }
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Map<String, String> attempted = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads[c] = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String key = "c" + client + "-" + i;
                    attempted.put(key, order(client, i));
                    try {
                        HttpResponse<String> r = post(d.port(), "/v2/orders", key, order(client, i));
                        if (r.statusCode() == 201) {
                            acked.add(key);
                        }
                    } catch (Exception e) {
                        return; // the daemon died under us
                    }
                }
            });
            threads[c].start();
        }
        while (acked.size() < 400) {
            Thread.sleep(20);
        }
        d.process().destroyForcibly(); // SIGKILL
        d.process().waitFor();
        afterKill.accept(url);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(acked.size() >= 400);

        Running again = startDaemon(url);
        // a client that never got its answer retries with the same key: at most once, never twice
        Map<String, String> failures = new ConcurrentHashMap<>();
        List<Thread> retries = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String prefix = "c" + c + "-";
            Thread t = new Thread(() -> attempted.forEach((key, body) -> {
                if (!key.startsWith(prefix)) {
                    return;
                }
                try {
                    HttpResponse<String> r = post(again.port(), "/v2/orders", key, body);
                    if (r.statusCode() != 201) {
                        failures.put(key, r.statusCode() + " " + r.body());
                    } else if (acked.contains(key) && r.headers().firstValue("Idempotent-Replayed").isEmpty()) {
                        failures.put(key, "acknowledged before the crash but executed again");
                    }
                } catch (Exception e) {
                    failures.put(key, e.toString());
                }
            }));
            t.start();
            retries.add(t);
        }
        for (Thread t : retries) {
            t.join();
        }
        assertEquals(Map.of(), failures);
        JsonNode health = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + again.port()
                + "/v2/health")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertTrue(health.get("log_size").asLong() > 400);
        again.process().destroy(); // SIGTERM: drain and exit cleanly
        assertEquals(0, again.process().waitFor(), "exit code after SIGTERM");

        try (Database db = Database.openMigrated(url)) {
            Map<String, Integer> seen = new HashMap<>();
            new EventLog(db).forEach(0, Long.MAX_VALUE, ev -> {
                if (ev.type().equals("OrderFilled")) {
                    OrderFilled o = (OrderFilled) EventCatalog.standard().decode(ev.type(), ev.payload());
                    seen.merge(o.idempotencyKey(), 1, Integer::sum);
                }
            });
            for (String k : acked) {
                assertEquals(1, seen.getOrDefault(k, 0), "acknowledged order " + k);
            }
            for (String k : attempted.keySet()) {
                assertEquals(1, seen.getOrDefault(k, 0), "retried order " + k);
            }
            assertEquals(attempted.size(), seen.size());
            MarketService svc = new MarketService(db, new MarketEngine(), Clock.systemUTC());
            svc.load();
            assertEquals(List.of(), Invariants.check(svc.state()));
        }
    }
}
