package io.mbp.status;

import io.mbp.exports.Table;
import io.mbp.exports.Uptime;
import io.mbp.incident.Incident;
import io.mbp.incident.Incidents;
import io.mbp.slo.SloSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The status page's numbers, from incidents and SLO targets alone (no clock: the page of a date is the
 * same whenever it is built). Daily uptime bars over 90 days ending at the page's date, the remaining
 * error budget of each availability objective over its window, and the month's baseline.
 */
final class SiteFigures {
    static final int DAYS = 90;
    private static final long DAY = 86_400;

    private SiteFigures() {
    }

    static Instant start(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Seconds down per day, oldest first, for the {@link #DAYS} days ending with {@code date}. */
    static long[] daily(List<Incident> incidents, String service, LocalDate date) {
        long[] out = new long[DAYS];
        for (int i = 0; i < DAYS; i++) {
            LocalDate d = date.minusDays(DAYS - 1 - i);
            out[i] = Uptime.downSeconds(incidents, service, start(d), start(d.plusDays(1)));
        }
        return out;
    }

    static Table uptime90(List<Incident> incidents, List<String> services, LocalDate date) {
        List<List<Object>> rows = new ArrayList<>();
        for (String s : services) {
            long[] down = daily(incidents, s, date);
            for (int i = 0; i < DAYS; i++) {
                rows.add(Arrays.asList(s, date.minusDays(DAYS - 1 - i).toString(), down[i], Uptime.pct(Uptime.uptimePpm(down[i], DAY))));
            }
        }
        return new Table("uptime-90d", List.of("service", "date", "down_seconds", "uptime_pct"), rows);
    }

    /**
     * Error budget left of an availability objective over its window ending with {@code date}: the share of
     * the allowed downtime ((1 - target) x window) not yet spent, as a percentage with two decimals, rounded
     * down; negative when overspent. Objectives the incidents cannot judge (latency) have no data.
     */
    static String budgetLeftPct(SloSpec o, List<Incident> incidents, LocalDate date) {
        if (!o.objective().equals("availability")) {
            return null;
        }
        Instant to = start(date.plusDays(1));
        long down = Uptime.downSeconds(incidents, o.service(), to.minus(Duration.ofDays(o.windowDays())), to);
        BigDecimal allowed = o.budget().multiply(BigDecimal.valueOf(o.windowDays() * DAY));
        return allowed.subtract(BigDecimal.valueOf(down)).multiply(BigDecimal.valueOf(100)).divide(allowed, 2, RoundingMode.FLOOR)
                .toPlainString();
    }

    static Table budget(List<SloSpec> objectives, List<Incident> incidents, LocalDate date) {
        List<List<Object>> rows = new ArrayList<>();
        for (SloSpec o : objectives) {
            rows.add(Arrays.asList(o.id(), o.service(), o.objective(), o.target().toPlainString(), (long) o.windowDays(),
                    budgetLeftPct(o, incidents, date)));
        }
        return new Table("budget", List.of("slo", "service", "objective", "target", "window_days", "budget_left_pct"), rows);
    }

    /** Per service over the month: uptime, minutes down (rounded up), incidents started in it, their mean time to restore in minutes. */
    static Table month(List<Incident> incidents, List<String> services, YearMonth month) {
        Instant from = start(month.atDay(1));
        Instant to = start(month.plusMonths(1).atDay(1));
        long total = to.getEpochSecond() - from.getEpochSecond();
        List<List<Object>> rows = new ArrayList<>();
        for (String s : services) {
            long down = Uptime.downSeconds(incidents, s, from, to);
            List<Incident> in = incidents.stream().filter(i -> i.service().equals(s) && startsIn(i, from, to)).toList();
            Duration mttr = Incidents.meanTimeToRestore(in);
            rows.add(Arrays.asList(s, Uptime.pct(Uptime.uptimePpm(down, total)), (down + 59) / 60, (long) in.size(),
                    mttr == null ? null : (mttr.toSeconds() + 59) / 60));
        }
        return new Table("month-" + month, List.of("service", "uptime_pct", "down_minutes", "incidents", "mttr_minutes"), rows);
    }

    private static boolean startsIn(Incident i, Instant from, Instant to) {
        Instant s = Instant.parse(i.startedAt());
        return !s.isBefore(from) && s.isBefore(to);
    }
}
