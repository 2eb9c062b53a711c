package io.mbp.oracle;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One aggregation round, as a pure function of the event, the panel, its reports and the round
 * time. No clock, no I/O, no floating point: weights are integer basis points and values exact
 * {@link BigDecimal}s, so the same inputs give the same answer on every machine.
 */
public final class Aggregator {
    private Aggregator() {
    }

    public enum Status {
        CONSENSUS("consensus"), NO_QUORUM("no_quorum"), DIVERGENT("divergent");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public enum SourceStatus {
        AGREE("agree"), OUTLIER("outlier"), STALE("stale"), SILENT("silent");

        private final String wire;

        SourceStatus(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static SourceStatus parse(String s) {
            for (SourceStatus v : values()) {
                if (v.wire.equals(s)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("unknown source status " + s);
        }
    }

    /** How one panel source fared in a round; {@code ageSeconds} is -1 and {@code reported} null when silent. */
    public record Metric(String source, SourceStatus status, long ageSeconds, String reported) {
        public String encode() {
            return source + "|" + status.wire() + "|" + (ageSeconds < 0 ? "" : Long.toString(ageSeconds)) + "|"
                    + (reported == null ? "" : reported);
        }

        public static Metric decode(String s) {
            String[] p = s.split("\\|", -1);
            return new Metric(p[0], SourceStatus.parse(p[1]), p[2].isEmpty() ? -1 : Long.parseLong(p[2]),
                    p[3].isEmpty() ? null : p[3]);
        }
    }

    /**
     * The round's outcome. {@code answer} is the consensus value/outcome when {@code status} is
     * consensus, else the candidate the agreement was measured against (or null without quorum).
     */
    public record Result(Status status, String answer, int freshSources, long countedWeight, long panelWeight,
                         long agreeWeight, List<Metric> metrics) {
        public boolean healthy() {
            return status == Status.CONSENSUS;
        }
    }

    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    private static final Comparator<Report> BY_VALUE_THEN_SOURCE =
            Comparator.comparing(Report::number).thenComparing(Report::source);

    /**
     * Aggregates at {@code at} (epoch seconds). Each panel source counts with its latest report
     * observed at or before {@code at}, if that report is within the staleness bound. From the
     * event's resolution time on, only reports observed at or after it count: an answer to "what
     * was the close" must come from observations of the close, not from the day's live values.
     */
    public static Result aggregate(OracleSpec spec, OracleParams p, List<PanelSource> panel, List<Report> reports, long at) {
        int n = panel.size();
        long resolves = spec.resolvesAt().getEpochSecond();
        long notBefore = at >= resolves ? resolves : Long.MIN_VALUE;
        Report[] latest = new Report[n];
        for (int r = 0, size = reports.size(); r < size; r++) {
            Report rep = reports.get(r);
            if (rep.observedAtEpochSecond() > at || rep.observedAtEpochSecond() < notBefore) {
                continue;
            }
            int i = indexOf(panel, rep.source());
            if (i >= 0 && (latest[i] == null || rep.observedAtEpochSecond() > latest[i].observedAtEpochSecond())) {
                latest[i] = rep;
            }
        }
        long panelWeight = 0;
        long counted = 0;
        List<Report> fresh = new ArrayList<>(n);
        long[] weightOf = new long[n];
        boolean[] isFresh = new boolean[n];
        for (int i = 0; i < n; i++) {
            long w = panel.get(i).weightBps();
            weightOf[i] = w;
            panelWeight += w;
            Report rep = latest[i];
            if (rep != null && at - rep.observedAtEpochSecond() <= spec.stalenessSeconds()) {
                isFresh[i] = true;
                fresh.add(rep);
                counted += w;
            }
        }
        boolean quorum = fresh.size() >= p.quorumSources() && panelWeight > 0
                && counted * 10_000 >= panelWeight * p.quorumWeightBps();
        String answer = null;
        BigDecimal answerNumber = null;
        if (quorum) {
            if (spec.numeric()) {
                answerNumber = lowerWeightedMedian(fresh, panel, counted);
                answer = answerNumber.toPlainString();
                // Report the chosen report's own text: the median is always a value a source sent.
                for (Report r : fresh) {
                    if (r.number().compareTo(answerNumber) == 0) {
                        answer = r.raw();
                        break;
                    }
                }
            } else {
                answer = weightedPlurality(fresh, panel);
            }
        }
        long agree = 0;
        List<Metric> metrics = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Report rep = latest[i];
            String id = panel.get(i).id();
            if (rep == null) {
                metrics.add(new Metric(id, SourceStatus.SILENT, -1, null));
                continue;
            }
            long age = at - rep.observedAtEpochSecond();
            if (!isFresh[i]) {
                metrics.add(new Metric(id, SourceStatus.STALE, age, rep.raw()));
                continue;
            }
            boolean agrees = answer != null && (spec.numeric()
                    ? withinBand(rep.number(), answerNumber, p.bandBps())
                    : rep.raw().equals(answer));
            if (agrees) {
                agree += weightOf[i];
            }
            metrics.add(new Metric(id, agrees ? SourceStatus.AGREE : SourceStatus.OUTLIER, age, rep.raw()));
        }
        Status status;
        if (!quorum) {
            status = Status.NO_QUORUM;
        } else if (answer == null || agree * p.agreeDen() < counted * p.agreeNum()) {
            status = Status.DIVERGENT;
        } else {
            status = Status.CONSENSUS;
        }
        return new Result(status, answer, fresh.size(), counted, panelWeight, agree, metrics);
    }

    /**
     * The lower weighted median: sort by value (ties by source id, so the order of the input never
     * matters), then the first value whose cumulative weight reaches half the total. Compared as
     * {@code 2 * cumulative >= total} in integers: no division, no rounding.
     */
    public static BigDecimal lowerWeightedMedian(List<Report> fresh, List<PanelSource> panel, long total) {
        Report[] sorted = fresh.toArray(new Report[0]);
        Arrays.sort(sorted, BY_VALUE_THEN_SOURCE);
        long cumulative = 0;
        for (Report r : sorted) {
            cumulative += panel.get(indexOf(panel, r.source())).weightBps();
            if (2 * cumulative >= total) {
                return r.number();
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    /** |v - c| <= c * band / 10000, compared exactly by cross-multiplying. */
    public static boolean withinBand(BigDecimal v, BigDecimal c, long bandBps) {
        return v.subtract(c).abs().multiply(TEN_THOUSAND).compareTo(c.abs().multiply(BigDecimal.valueOf(bandBps))) <= 0;
    }

    /** The outcome with the most weight; null on a tie for the top (no plurality, so no answer). */
    static String weightedPlurality(List<Report> fresh, List<PanelSource> panel) {
        Map<String, Long> byOutcome = new TreeMap<>();
        for (Report r : fresh) {
            byOutcome.merge(r.raw(), panel.get(indexOf(panel, r.source())).weightBps(), Long::sum);
        }
        String best = null;
        long bestWeight = -1;
        boolean tie = false;
        for (Map.Entry<String, Long> e : byOutcome.entrySet()) {
            if (e.getValue() > bestWeight) {
                best = e.getKey();
                bestWeight = e.getValue();
                tie = false;
            } else if (e.getValue() == bestWeight) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    private static int indexOf(List<PanelSource> panel, String source) {
        for (int i = 0, n = panel.size(); i < n; i++) {
            if (panel.get(i).id().equals(source)) {
                return i;
            }
        }
        return -1;
    }
}
