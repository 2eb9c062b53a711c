package io.mbp.exports;

import io.mbp.events.Timestamps;
import io.mbp.incident.Incident;
import io.mbp.incident.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Downtime of a service from its incidents, as Statuspage counts it from declared outages: a P1 or P2
 * incident of the service is down from its impact start to its restoration (an open one: to the end of the
 * period); overlapping incidents count once. P3 and P4 degrade without taking the service down. Whole
 * seconds and integer ratios only: the figures are published and hashed.
 */
public final class Uptime {
    /** Parts per million in a whole. */
    public static final long PPM = 1_000_000;

    private Uptime() {
    }

    public static boolean outage(Incident i) {
        return i.severity() == Severity.P1 || i.severity() == Severity.P2;
    }

    /** Seconds of {@code [from, to)} the service was down. */
    public static long downSeconds(Collection<Incident> incidents, String service, Instant from, Instant to) {
        List<Instant[]> spans = new ArrayList<>();
        for (Incident i : incidents) {
            if (!i.service().equals(service) || !outage(i)) {
                continue;
            }
            Instant s = Timestamps.parse("started_at", i.startedAt());
            Instant e = i.open() ? to : Timestamps.parse("restored_at", i.restoredAt());
            s = s.isBefore(from) ? from : s;
            e = e.isAfter(to) ? to : e;
            if (s.isBefore(e)) {
                spans.add(new Instant[] {s, e});
            }
        }
        spans.sort(Comparator.comparing(a -> a[0]));
        long down = 0;
        Instant reach = from;
        for (Instant[] sp : spans) {
            Instant s = sp[0].isBefore(reach) ? reach : sp[0];
            if (sp[1].isAfter(s)) {
                down += sp[1].getEpochSecond() - s.getEpochSecond();
                reach = sp[1];
            }
        }
        return down;
    }

    /** Uptime of a period of {@code totalSeconds} with {@code down} seconds down, in ppm, rounded down. */
    public static long uptimePpm(long down, long totalSeconds) {
        return totalSeconds == 0 ? PPM : (totalSeconds - down) * PPM / totalSeconds;
    }

    /** A ppm figure as a percentage with four decimals ("99.9500"), exact. */
    public static String pct(long ppm) {
        return java.math.BigDecimal.valueOf(ppm, 4).toPlainString();
    }
}
