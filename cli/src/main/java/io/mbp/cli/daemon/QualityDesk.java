package io.mbp.cli.daemon;

import io.mbp.market.MarketEngine;
import io.mbp.market.MarketQuality;
import io.mbp.market.MarketService;
import io.mbp.market.QualityKpis;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /v2/markets/{id}/quality}: the `mbp market quality` KPIs of one market over the last 24
 * hours ending at the current minute, one-minute step, default reference size (ADR 0317). The figures
 * come from a replay of the log on one thread of its own, never the engine's; the report of all
 * markets is kept for the minute it was computed for, so the log is replayed at most once a minute
 * however many clients ask.
 */
final class QualityDesk implements AutoCloseable {
    static final Duration WINDOW = Duration.ofHours(24);

    private final String dbUrl;
    private final Clock clock;
    /** Its own connection, used only on the worker thread (a Database is one connection). */
    private Database db;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mbp-quality");
        t.setDaemon(true);
        return t;
    });
    private long cachedMinute = Long.MIN_VALUE;
    private CompletableFuture<QualityKpis.Report> cached;

    QualityDesk(String dbUrl, Clock clock) {
        this.dbUrl = dbUrl;
        this.clock = clock;
    }

    private Database db() {
        if (db == null) {
            db = Database.open(dbUrl); // migrated by the daemon already
        }
        return db;
    }

    private synchronized CompletableFuture<QualityKpis.Report> report() {
        long now = clock.instant().getEpochSecond();
        long minute = now - Math.floorMod(now, MarketQuality.DEFAULT_STEP_SECONDS);
        if (cached == null || minute != cachedMinute || cached.isCompletedExceptionally()) {
            cachedMinute = minute;
            Instant to = Instant.ofEpochSecond(minute);
            cached = CompletableFuture.supplyAsync(() -> MarketQuality.sample(new MarketService(db(), new MarketEngine(), clock),
                    to.minus(WINDOW), to, MarketQuality.DEFAULT_STEP_SECONDS, MarketQuality.DEFAULT_REF_SIZE), worker);
        }
        return cached;
    }

    /** The KPIs of a market the engine knows, with the window. */
    CompletableFuture<Reply> quality(String market) {
        return report().thenApply(r -> {
            QualityKpis k = r.market(market);
            if (k == null) {
                k = new QualityKpis(market, 0, 0, null, null, null, 0, null); // not open with liquidity in the window
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", r.from());
            m.put("to", r.to());
            m.put("step_seconds", r.stepSeconds());
            m.put("ref_size_centavos", r.refSize());
            m.put("percentile_method", "nearest-rank");
            m.put("thresholds", QualityKpis.thresholds());
            m.putAll(k.toMap());
            return new Reply(200, m);
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (db != null) {
            db.close();
        }
    }
}
