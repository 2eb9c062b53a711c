package io.mbp.jobs.steps;

import io.mbp.aml.AmlService;
import io.mbp.aml.scenarios.Evaluation;
import io.mbp.jobs.DataNotReadyException;
import io.mbp.jobs.Step;
import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;

/**
 * AML monitoring of D ({@code mbp aml run --date D}, docs/aml.md): the active scenarios over the day's
 * events open their alerts. Idempotent: alerts are keyed by scenario version, date and finding, so a
 * re-run opens none twice. Runs before the seal so the night's alerts are sealed with the day; refuses
 * (69) before D has ended.
 */
public final class AmlStep implements Step {
    @Override
    public String name() {
        return "aml";
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        AmlService.RunReport r;
        try {
            r = new AmlService(ctx.db(), ctx.clock()).run(ctx.businessDate());
        } catch (Evaluation.DayNotOverException e) {
            throw new DataNotReadyException(e.getMessage());
        }
        return StepOutcome.of(r.events(), r.openedTotal(), "aml " + r.date() + ": " + r.events() + " event(s), " + r.foundTotal()
                + " alert(s) found, " + r.openedTotal() + " new, by " + r.scenarios().size() + " scenario(s)");
    }
}
