package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The engine thread re-registers the market gauges' rows every second while Prometheus may be scraping:
 * Micrometer's MultiGauge removes and re-adds each row, and a scrape in between can see a row twice and
 * throw DuplicateLabelsException (micrometer-metrics/micrometer#6851). A scrape must still answer.
 */
class MetricsScrapeRaceTest {

    @Test
    void scrapesAnswerWhileTheMarketGaugesAreRewritten() throws Exception {
        DaemonMetrics metrics = new DaemonMetrics();
        Map<String, Long> byMarket = new LinkedHashMap<>();
        for (int i = 0; i < 64; i++) {
            byMarket.put("MKT-" + i, (long) i);
        }
        MarketWatch.Figures figures = new MarketWatch.Figures(Map.of("normal", 64), byMarket, byMarket, byMarket, Map.of("E-1", true));
        metrics.watch(figures); // the engine's first second: from then on every scrape has every row
        AtomicBoolean stop = new AtomicBoolean();
        Thread engine = new Thread(() -> {
            while (!stop.get()) {
                metrics.watch(figures);
            }
        });
        engine.start();
        List<Throwable> failures = new ArrayList<>();
        int scrapes = 0;
        int missing = 0;
        try {
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end) {
                try {
                    String text = metrics.scrape();
                    if (!text.contains("mbp_market_spread_bps{market=\"MKT-63\"}")) {
                        missing++;
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
                scrapes++;
            }
        } finally {
            stop.set(true);
            engine.join();
        }
        assertTrue(scrapes > 50, "only " + scrapes + " scrapes ran");
        assertEquals(List.of(), failures.stream().map(Throwable::toString).distinct().toList(), "scrapes failed of " + scrapes);
        assertEquals(0, missing, "scrapes without a market's row, of " + scrapes);
    }
}
