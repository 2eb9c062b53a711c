package io.mbp.market;

import java.time.Duration;

/**
 * Circuit-breaker bands after LULD/B3: the metric is the largest range (max - min) of any
 * outcome's price, in basis points of probability, over the last {@code window}. Crossing a band
 * escalates at once; stepping down needs the cooldown spent in the level and the metric below the
 * band minus {@code hysteresis}; automatic re-openings are bounded per UTC day.
 */
public record HaltPolicy(Duration window, long warnBps, long softBps, long hardBps, long hysteresisBps,
                         Duration cooldown, long maxReopeningsPerDay) {
    public static final HaltPolicy DEFAULT = new HaltPolicy(Duration.ofMinutes(5), 1_000, 2_000, 3_000, 500,
            Duration.ofSeconds(60), 3);

    public HaltLevel levelFor(long metricBps) {
        if (metricBps >= hardBps) {
            return HaltLevel.HARD;
        }
        if (metricBps >= softBps) {
            return HaltLevel.SOFT;
        }
        if (metricBps >= warnBps) {
            return HaltLevel.WARN;
        }
        return HaltLevel.NORMAL;
    }
}
