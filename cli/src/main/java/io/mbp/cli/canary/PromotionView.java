package io.mbp.cli.canary;

import io.mbp.canary.CanaryService;
import io.mbp.canary.Consistency;
import io.mbp.cli.TextResult;
import java.io.PrintWriter;
import java.util.List;

/** What {@code mbp canary promote} did: the analysis, the phase it moved to, or the rollback and its I10 check. */
record PromotionView(String release, long percent, String from, String to, long canaryMarkets, long baselineMarkets,
                     List<String> checks, boolean passed, long nextPercent, boolean rolledBack, ConsistencyView consistency)
        implements TextResult {
    PromotionView(CanaryService.Promotion p) {
        this(p.analysis().release(), p.analysis().percent(), p.analysis().from(), p.analysis().to(), p.analysis().canaryMarkets(),
                p.analysis().baselineMarkets(), p.analysis().checks(), p.analysis().passed(), p.to(), p.rolledBack(),
                p.consistency() == null ? null : new ConsistencyView(p.consistency()));
    }

    record ConsistencyView(boolean stateConsistent, boolean paramsRestored, boolean logIntact, boolean replayIdentical,
                           boolean invariantsHold, List<String> problems) implements TextResult {
        ConsistencyView(Consistency.Report r) {
            this(r.consistent(), r.paramsRestored(), r.logIntact(), r.replayIdentical(), r.invariantsHold(), r.problems());
        }

        @Override
        public void printText(PrintWriter out) {
            out.println("I10 rollback consistent: " + (stateConsistent ? "yes" : "NO") + " (params restored " + paramsRestored
                    + ", log intact " + logIntact + ", replay identical " + replayIdentical + ", invariants hold " + invariantsHold + ")");
            problems.forEach(p -> out.println("  " + p));
        }
    }

    @Override
    public void printText(PrintWriter out) {
        out.println("analysis of " + release + " at " + percent + "% over [" + from + ", " + to + "): " + (passed ? "passed" : "FAILED")
                + " (" + canaryMarkets + " canary markets, " + baselineMarkets + " baseline)");
        out.println("  metric|canary|baseline|limit|verdict");
        checks.forEach(c -> out.println("  " + c));
        if (rolledBack) {
            out.println("rolled back automatically to the stable parameters");
            consistency.printText(out);
        } else {
            out.println(nextPercent == 100 ? "promoted to 100%: " + release + " is the stable release" : "promoted to " + nextPercent + "%");
        }
    }
}
