package io.mbp.dora;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The four DORA keys over {@code [from, to)} (ADR 0017): deployment frequency, lead time for
 * changes (median and p90, seconds), change failure rate (deployments an incident names as its cause
 * / deployments, in basis points) and time to restore (median over resolved incidents, seconds), each
 * with its band from the DORA report (elite, high, medium, low). A key with no data says so (null).
 */
public record DoraReport(String from, String to, String source, int deployments, long deploymentDays, long windowDays,
                         Long leadTimeP50Seconds, Long leadTimeP90Seconds, int failedDeployments, Long changeFailureRateBps,
                         int incidents, int resolved, Long timeToRestoreP50Seconds, String frequencyBand, String leadTimeBand,
                         String failureBand, String restoreBand) {

    /** Computes the report; {@code source} says what counted as a deployment (release tags or main-line merges). */
    public static DoraReport compute(Instant from, Instant to, String source, List<Deployment> all, List<Restoration> incidents) {
        List<Deployment> in = all.stream().filter(d -> !d.at().isBefore(from) && d.at().isBefore(to)).toList();
        List<Long> lead = new ArrayList<>();
        Set<LocalDate> days = new HashSet<>();
        for (Deployment d : in) {
            days.add(LocalDate.ofInstant(d.at(), ZoneOffset.UTC));
            for (Instant c : d.changes()) {
                lead.add(Math.max(0, Duration.between(c, d.at()).toSeconds()));
            }
        }
        lead.sort(null);
        List<Restoration> window = incidents.stream().filter(r -> !r.startedAt().isBefore(from) && r.startedAt().isBefore(to)).toList();
        Set<String> failed = new HashSet<>();
        for (Restoration r : window) {
            if (r.change() == null) {
                continue;
            }
            for (Deployment d : in) {
                if (d.id().equals(r.change()) || (r.change().length() >= 7 && d.id().startsWith(r.change()))) {
                    failed.add(d.id());
                }
            }
        }
        List<Long> ttr = new ArrayList<>(window.stream().filter(r -> r.timeToRestore() != null)
                .map(r -> r.timeToRestore().toSeconds()).sorted().toList());
        long windowDays = Math.max(1, Duration.between(from, to).toDays());
        Long cfr = in.isEmpty() ? null : failed.size() * 10_000L / in.size();
        Long leadP50 = percentile(lead, 50);
        Long ttrP50 = percentile(ttr, 50);
        return new DoraReport(from.toString(), to.toString(), source, in.size(), days.size(), windowDays, leadP50, percentile(lead, 90),
                failed.size(), cfr, window.size(), ttr.size(), ttrP50, frequencyBand(in.size(), days.size(), windowDays),
                durationBand(leadP50, Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30)),
                cfr == null ? null : cfr <= 500 ? "elite" : cfr <= 1_000 ? "high" : cfr <= 1_500 ? "medium" : "low",
                durationBand(ttrP50, Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7)));
    }

    /** Nearest-rank percentile of sorted values, or null when there are none. */
    static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** Elite: deploys on most days (on demand); high: at least weekly; medium: at least monthly; low: less. */
    static String frequencyBand(int deployments, long days, long windowDays) {
        if (deployments == 0) {
            return "low";
        }
        if (days * 2 >= windowDays && deployments >= days) {
            return "elite";
        }
        double perWeek = deployments * 7.0 / windowDays;
        return perWeek >= 1 ? "high" : perWeek * 52 / 12 >= 1 ? "medium" : "low";
    }

    private static String durationBand(Long seconds, Duration elite, Duration high, Duration medium) {
        if (seconds == null) {
            return null;
        }
        return seconds < elite.toSeconds() ? "elite" : seconds < high.toSeconds() ? "high" : seconds < medium.toSeconds() ? "medium" : "low";
    }
}
