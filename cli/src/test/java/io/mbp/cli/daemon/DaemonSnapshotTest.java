package io.mbp.cli.daemon;

import static io.mbp.sql.schema.Tables.MARKET_SNAPSHOTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * ADR 0127: the daemon's snapshots are taken while it serves (frozen on the engine thread, rendered and
 * written off it), and a restart starts from the newest one, retries of keys it covers answered as before.
 */
class DaemonSnapshotTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    private static String order(int i) {
        return "{\"market\":\"M\",\"account\":\"ana\",\"outcome\":\"" + (i % 2 == 0 ? "YES" : "NO")
                + "\",\"side\":\"buy\",\"amount\":" + (100 + i) + "}";
    }

    @EveryEngine
    void snapshotsAreWrittenWhileTheDaemonServesAndARestartStartsFromTheNewest(TestDatabase engine) throws Exception {
        String url = engine.url("mbp");
        OperatorKey key = OperatorKey.provision(url, clock);
        Daemon.Options every10 = key.on(new Daemon.Options(0, 500, 50_000, 5_000, 20_000, false, 8, 10));
        List<String> answers = new ArrayList<>();
        Daemon daemon = new Daemon(url, every10, clock);
        daemon.start();
        long covered;
        try {
            SigningClient api = key.client(daemon.port(), clock);
            assertEquals(201, api.post("/v2/markets", "m1", "{\"market\":\"M\",\"oracle_event\":\"EV\",\"outcomes\":[\"YES\",\"NO\"],"
                    + "\"fee_bps\":200,\"liquidity\":100000,\"lp_account\":\"lp\",\"closes_at\":\"2026-11-28T00:00:00Z\"}").statusCode());
            assertEquals(201, api.post("/v2/deposits", "d1", "{\"account\":\"ana\",\"amount\":50000}").statusCode());
            for (int i = 0; i < 40; i++) {
                HttpResponse<String> r = api.post("/v2/orders", "o" + i, order(i));
                assertEquals(201, r.statusCode(), r.body());
                answers.add(r.body());
            }
            covered = newestComplete(url, 10_000);
            assertTrue(covered >= 10, "a snapshot was written while the daemon ran: " + covered);
            // rendered and written by the snapshot thread; the engine thread only froze the state
            String metrics = metricsOnceWritten(api);
            assertTrue(metrics.contains("mbp_market_snapshot_stage_seconds_count{stage=\"write\",thread=\"snapshot\"}"), metrics);
            assertTrue(!metrics.contains("thread=\"engine\",stage=\"write\"") && !metrics.contains("stage=\"write\",thread=\"engine\""),
                    metrics);
        } finally {
            daemon.close();
        }
        try (Database db = Database.open(url)) {
            MarketService restarted = new MarketService(db, new MarketEngine(), clock);
            long from = restarted.loadFromSnapshot();
            assertTrue(from >= covered, "started from the newest snapshot (the stop writes one): " + from);
            MarketService full = new MarketService(db, new MarketEngine(), clock);
            full.load();
            assertEquals(full.state().digest(), restarted.state().digest());
        }
        Daemon again = new Daemon(url, every10, clock);
        again.start();
        try {
            SigningClient api = key.client(again.port(), clock);
            for (int i : new int[] {0, 7, 39}) {
                HttpResponse<String> r = api.post("/v2/orders", "o" + i, order(i));
                assertEquals(201, r.statusCode(), r.body());
                assertEquals("true", r.headers().firstValue("Idempotent-Replayed").orElse(null));
                assertEquals(JSON.readTree(answers.get(i)), JSON.readTree(r.body()));
            }
        } finally {
            again.close();
        }
    }

    /** GET /metrics once the engine thread has noted a snapshot written (between batches, so after a request). */
    private static String metricsOnceWritten(SigningClient api) throws Exception {
        for (int i = 0; i < 200; i++) {
            String m = api.get("/metrics").body();
            if (m.contains("mbp_market_snapshot_stage_seconds_count{stage=\"write\"")) {
                return m;
            }
            api.get("/v2/health");
            Thread.sleep(20);
        }
        return api.get("/metrics").body();
    }

    /** The newest snapshot with every part written, waiting up to {@code millis} for one. */
    private static long newestComplete(String url, long millis) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000;
        try (Database db = Database.open(url)) {
            while (true) {
                Long covers = db.read(dsl -> dsl.select(MARKET_SNAPSHOTS.COVERS).from(MARKET_SNAPSHOTS).groupBy(MARKET_SNAPSHOTS.COVERS)
                        .having(org.jooq.impl.DSL.count().eq(org.jooq.impl.DSL.max(MARKET_SNAPSHOTS.PARTS)))
                        .orderBy(MARKET_SNAPSHOTS.COVERS.desc()).limit(1).fetchOne(MARKET_SNAPSHOTS.COVERS));
                if (covers != null || System.nanoTime() > until) {
                    return covers == null ? 0 : covers;
                }
                Thread.sleep(20);
            }
        }
    }
}
