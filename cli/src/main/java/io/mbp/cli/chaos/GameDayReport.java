package io.mbp.cli.chaos;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.chaos.GameDay;
import io.mbp.cli.TextResult;
import io.mbp.events.Timestamps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/** A game day's report: report.json (this record) and report.md (its {@link #printText} with headings). */
@JsonPropertyOrder({"run", "scenario", "verdict", "reason", "hypothesis", "blast_radius", "abort_condition", "steady_state",
    "started_at", "finished_at", "checks", "measurements", "recorded_seq"})
record GameDayReport(String run, String scenario, String verdict, String reason, String hypothesis, String blastRadius,
                     String abortCondition, List<String> steadyState, String startedAt, String finishedAt, List<CheckView> checks,
                     Map<String, String> measurements, Long recordedSeq) implements TextResult {

    record CheckView(String phase, String name, boolean passed, String observed) {
    }

    static GameDayReport of(String run, GameDay g) {
        return new GameDayReport(run, g.spec().name(), g.verdict().name(), g.reason(), g.spec().hypothesis(), g.spec().blastRadius(),
                g.spec().abortCondition(), g.spec().steadyState(), Timestamps.format(g.started()), Timestamps.format(g.finished()),
                g.checks().stream().map(c -> new CheckView(c.phase().wire(), c.name(), c.passed(), c.observed())).toList(),
                g.measurements(), null);
    }

    GameDayReport withSeq(Long seq) {
        return new GameDayReport(run, scenario, verdict, reason, hypothesis, blastRadius, abortCondition, steadyState, startedAt,
                finishedAt, checks, measurements, seq);
    }

    @Override
    public void printText(PrintWriter out) {
        out.println("game day " + run + ": " + scenario + " " + verdict + (reason == null ? "" : " (" + reason + ")"));
        for (CheckView c : checks) {
            out.println("  [" + (c.passed() ? "pass" : "FAIL") + "] " + c.phase() + ": " + c.name() + " -- " + c.observed());
        }
        measurements.forEach((k, v) -> out.println("  " + k + " = " + v));
        out.flush();
    }

    /** The readable report: what was claimed, what was seen, the verdict. */
    String markdown() {
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        w.println("# Game day " + run + ": " + scenario);
        w.println();
        w.println("**Verdict: " + verdict + "**" + (reason == null ? "" : " (" + reason + ")"));
        w.println();
        w.println("- Hypothesis: " + hypothesis);
        w.println("- Blast radius: " + blastRadius);
        w.println("- Abort condition: " + abortCondition);
        w.println("- Steady state: " + String.join("; ", steadyState));
        w.println("- Ran " + startedAt + " to " + finishedAt);
        w.println();
        w.println("| phase | check | result | observed |");
        w.println("|---|---|---|---|");
        for (CheckView c : checks) {
            w.println("| " + c.phase() + " | " + c.name() + " | " + (c.passed() ? "pass" : "**FAIL**") + " | " + c.observed().replace("|", "/") + " |");
        }
        w.println();
        w.println("| measurement | value |");
        w.println("|---|---|");
        measurements.forEach((k, v) -> w.println("| " + k + " | " + v + " |"));
        w.flush();
        return s.toString();
    }
}
