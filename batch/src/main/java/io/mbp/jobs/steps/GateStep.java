package io.mbp.jobs.steps;

import io.mbp.gate.GateReport;
import io.mbp.gate.GateService;
import io.mbp.gate.GateStatus;
import io.mbp.gate.GoNoGo;
import io.mbp.gate.LogEvidenceSource;
import io.mbp.jobs.Step;
import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;
import java.nio.file.Path;

/**
 * The Go/No-Go check of the business date ({@code mbp gate check --record}), before the seal so the
 * decision is in the day's checkpoint, anchor and evidence bundle (ADR 0025). A no-go does not fail
 * the night: it is the expected answer until GA, and the record is what matters. Evidence files are
 * read from {@code gate-out} (default: the job's {@code out}) and the repository at {@code repo}.
 * Idempotent: the same decision for the date appends nothing.
 */
public final class GateStep implements Step {
    @Override
    public String name() {
        return "gate";
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        if (new io.mbp.events.EventLog(ctx.db()).size() == 0) {
            // nothing to decide on, and a first event written here would hide the seal's own "empty log" answer
            throw new io.mbp.jobs.DataNotReadyException("the event log is empty: no Go/No-Go decision to record yet");
        }
        Path out = Path.of(ctx.option("gate-out", ctx.option("out", "out")));
        Path repo = Path.of(ctx.option("repo", "."));
        GateReport r = GoNoGo.evaluate(new LogEvidenceSource(ctx.db(), out, repo, ctx.clock(), ctx.businessDate()));
        boolean appended = new GateService(ctx.db()).record(ctx.businessDate().toString(), r, ctx.clock().instant());
        return StepOutcome.of(r.gates().size(), appended ? 1 : 0, (r.go() ? "GO" : "NO-GO") + ": " + r.withStatus(GateStatus.GREEN).size()
                + " green, red " + ids(r, GateStatus.RED) + ", no evidence " + ids(r, GateStatus.NO_EVIDENCE)
                + (appended ? "" : " (same as recorded)"));
    }

    private static String ids(GateReport r, GateStatus s) {
        return r.withStatus(s).stream().map(g -> g.id()).toList().toString();
    }
}
