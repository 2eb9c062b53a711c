package io.mbp.cli.canary;

import io.mbp.canary.CanaryState;
import io.mbp.canary.Cohort;
import io.mbp.cli.TextResult;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code mbp canary status} (and what start prints): the stable release, the running canary, and each market's release. */
record StatusView(String stable, Running canary, Map<String, String> marketReleases, List<String> history) implements TextResult {
    record Running(String release, long percent, List<Long> phases, String startedAt, String phaseSince, String soakUntil,
                   Long soakSecondsLeft, long canaryMarkets, long baselineMarkets, List<String> lastAnalysis, Boolean lastAnalysisPassed,
                   long feeBps, String paramsSha256) {
    }

    static StatusView of(CanaryState s, Instant now) {
        Map<String, String> rel = new TreeMap<>();
        long canary = 0;
        long baseline = 0;
        for (CanaryState.Market m : s.markets().values()) {
            rel.put(m.id, s.releaseOf(m.id) + (m.settled ? " (settled)" : ""));
            if (!m.settled && s.active() != null) {
                if (s.active().started.release().equals(m.release)) {
                    canary++;
                } else {
                    baseline++;
                }
            }
        }
        Running r = null;
        CanaryState.Active a = s.active();
        if (a != null) {
            Instant until = a.phaseSince.plusSeconds(a.started.soakSeconds());
            r = new Running(a.started.release(), a.percent, a.started.phases(), a.startedAt.toString(), a.phaseSince.toString(),
                    until.toString(), now == null ? null : Math.max(0, until.getEpochSecond() - now.getEpochSecond()), canary, baseline,
                    a.analysis == null ? null : a.analysis.checks(), a.analysis == null ? null : a.analysis.passed(), a.started.feeBps(),
                    a.started.paramsSha256());
        }
        return new StatusView(s.stable(), r, rel, s.history());
    }

    @Override
    public void printText(PrintWriter out) {
        out.println("stable release: " + stable);
        if (canary == null) {
            out.println("no canary running");
        } else {
            out.println("canary " + canary.release() + " at " + canary.percent() + "% of " + canary.phases() + " (buckets < " + canary.percent()
                    + " of " + Cohort.BUCKETS + "), fee " + canary.feeBps() + " bps, params sha256 " + canary.paramsSha256());
            out.println("  markets: " + canary.canaryMarkets() + " canary, " + canary.baselineMarkets() + " baseline");
            out.println("  phase since " + canary.phaseSince() + ", soaks until " + canary.soakUntil()
                    + (canary.soakSecondsLeft() == null ? "" : " (" + canary.soakSecondsLeft() + " s left)"));
            if (canary.lastAnalysis() != null) {
                out.println("  last analysis: " + (canary.lastAnalysisPassed() ? "passed" : "failed"));
                canary.lastAnalysis().forEach(c -> out.println("    " + c));
            }
        }
        marketReleases.forEach((m, r) -> out.println("  " + m + " " + r));
        history.forEach(h -> out.println("history: " + h));
    }
}
