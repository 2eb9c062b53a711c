package io.mbp.cli.canary;

import io.mbp.canary.CanaryState;
import io.mbp.canary.Cohort;
import io.mbp.cli.TextResult;
import io.mbp.cli.VersionProvider;
import io.mbp.events.EventLog;
import io.mbp.release.Builds;
import io.mbp.release.ReleaseCut;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code mbp canary status} (and what start prints): the stable release, the running canary, and each market's release. */
record StatusView(String stable, Running canary, Map<String, String> marketReleases, List<String> history, Code code) implements TextResult {
    /**
     * Which code each side runs (docs/adr/0321): this build's jar and the release that shipped it, and
     * the git commit and jar of the stable and canary releases as cut in the log (null: not cut here,
     * a parameters-only release). {@code sameCode} false means the canary's markets need a daemon of
     * its own build; parameters alone move through events.
     */
    record Code(String toolVersion, String jarSha256, String runningRelease, ReleaseCode stable, ReleaseCode canary, Boolean sameCode) {
    }

    record ReleaseCode(String release, String commit, String jarSha256) {
        static ReleaseCode of(String release, Map<String, ReleaseCut> cuts) {
            ReleaseCut c = cuts.get(release);
            return new ReleaseCode(release, c == null ? null : c.commit(), c == null ? null : c.jarSha256());
        }

        String text() {
            return commit == null ? release + ": not cut in this log (parameters only)"
                    : release + ": commit " + commit + ", jar sha256 " + (jarSha256 == null ? "not recorded (cut before ADR 0321)" : jarSha256);
        }
    }

    static StatusView of(CanaryState s, Instant now, EventLog log) {
        Map<String, ReleaseCut> cuts = Builds.cuts(log);
        StatusView v = of(s, now);
        String jar = Builds.jarSha256(StatusView.class);
        ReleaseCode stable = ReleaseCode.of(s.stable(), cuts);
        ReleaseCode canary = s.active() == null ? null : ReleaseCode.of(s.active().started.release(), cuts);
        Boolean same = canary == null || canary.jarSha256() == null || stable.jarSha256() == null ? null
                : canary.jarSha256().equals(stable.jarSha256());
        return new StatusView(v.stable, v.canary, v.marketReleases, v.history,
                new Code(VersionProvider.toolVersion(), jar, Builds.releaseOf(cuts, jar), stable, canary, same));
    }

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
        return new StatusView(s.stable(), r, rel, s.history(), null);
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
        if (code != null) {
            out.println("code: this build " + code.toolVersion() + ", jar sha256 " + (code.jarSha256() == null ? "none (not run from a jar)"
                    : code.jarSha256() + (code.runningRelease() == null ? " (no release in this log shipped it)" : " = release " + code.runningRelease())));
            out.println("code: stable " + code.stable().text());
            if (code.canary() != null) {
                out.println("code: canary " + code.canary().text() + (code.sameCode() == null ? ""
                        : code.sameCode() ? "; same jar as stable: one daemon serves both cohorts"
                        : "; a different jar: its markets need a daemon of that build (ADR 0321)"));
            }
        }
        marketReleases.forEach((m, r) -> out.println("  " + m + " " + r));
        history.forEach(h -> out.println("history: " + h));
    }
}
