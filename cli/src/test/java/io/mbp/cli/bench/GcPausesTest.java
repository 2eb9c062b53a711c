package io.mbp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A window's collector pauses from two /metrics scrapes: every collector and cause summed, nothing else. */
class GcPausesTest {
    private static String scrape(double young, double youngSeconds, double full, double fullSeconds) {
        return "# HELP jvm_gc_pause_seconds Time spent in GC pause\n"
                + "jvm_gc_pause_seconds_count{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\",gc=\"G1 Young Generation\"} " + young + "\n"
                + "jvm_gc_pause_seconds_sum{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\",gc=\"G1 Young Generation\"} " + youngSeconds + "\n"
                + "jvm_gc_pause_seconds_count{action=\"end of major GC\",cause=\"System.gc()\",gc=\"G1 Old Generation\"} " + full + "\n"
                + "jvm_gc_pause_seconds_sum{action=\"end of major GC\",cause=\"System.gc()\",gc=\"G1 Old Generation\"} " + fullSeconds + "\n"
                + "jvm_gc_pause_seconds_max{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\",gc=\"G1 Young Generation\"} 9.0\n"
                + "jvm_gc_concurrent_phase_time_seconds_sum{action=\"end of concurrent GC pause\",cause=\"No GC\",gc=\"G1 Conc\"} 7.0\n";
    }

    @Test
    void theWindowsPausesAreTheDifferenceOfEveryCollectorsCountsAndSums() {
        GcPauses start = GcPauses.parse(scrape(10, 0.2, 1, 0.05));
        GcPauses end = GcPauses.parse(scrape(14, 0.3, 2, 0.07));
        assertEquals(new GcPauses(11, 0.25), start);
        assertEquals("collector pauses in the window: 5, 120 ms in all (1.2% of it), 24.0 ms each", end.since(start, 10));
        assertEquals("collector pauses in the window: 0, 0 ms in all (0.0% of it)", end.since(end, 10));
        assertNull(GcPauses.parse(null), "a /metrics that did not answer");
    }
}
