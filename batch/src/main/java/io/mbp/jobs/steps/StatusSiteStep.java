package io.mbp.jobs.steps;

import io.mbp.jobs.Step;
import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;
import java.nio.file.Path;
import java.time.YearMonth;

/**
 * The public status site for the business date into {@code <out>/status} (ADR 0606), after the exports it
 * links to ({@code <out>/exports/<D>}). The SLO specs come from the option {@code slo-specs} (default
 * specs/slo), the changelog from {@code changelog} (default docs/changelog.md). Idempotent: the same log
 * builds the same bytes, and a site already recorded is not recorded again.
 */
public final class StatusSiteStep implements Step {
    @Override
    public String name() {
        return "status-site";
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        Path out = Path.of(ctx.option("out", "out")).resolve("status");
        Publish.Site s = Publish.site(ctx.db(), ctx.businessDate(), YearMonth.from(ctx.businessDate()), out,
                Publish.objectives(Path.of(ctx.option("slo-specs", "specs/slo")), ctx.options().containsKey("slo-specs")), Path.of(ctx.option("changelog", "docs/changelog.md")), "../exports/",
                ctx.clock());
        return StepOutcome.of(s.files(), s.files(), "status site " + out + ": " + s.files() + " files, sha256 " + s.siteSha256()
                + (s.recorded() ? "" : " (already recorded)"));
    }
}
