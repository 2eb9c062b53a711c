package io.mbp.jobs.steps;

import io.mbp.error.BadInputException;
import io.mbp.jobs.DataNotReadyException;
import io.mbp.jobs.Step;
import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;
import io.mbp.oracle.Finalized;
import io.mbp.oracle.OracleCommand;
import io.mbp.oracle.OracleService;
import io.mbp.oracle.RoundAggregated;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The oracle's part of the night (what {@code mbp oracle aggregate --at D --until D+1 --every E}
 * then {@code mbp oracle finalize --at D+1} do): rounds over the business date at the cadence of
 * option {@code oracle-every} (default PT10M), then finalization of what is due when D ends.
 * Idempotent: rounds run only at times after each event's last round, and finalize decides on the
 * log, so a re-run appends nothing.
 */
public final class OracleStep implements Step {
    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        Instant start = ctx.businessDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = ctx.businessDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (ctx.clock().instant().isBefore(end)) {
            throw new DataNotReadyException("business date " + ctx.businessDate() + " has not ended (" + end
                    + "): its last rounds and finalizations are not due yet");
        }
        String cadence = ctx.option("oracle-every", "PT10M");
        Duration every;
        try {
            every = Duration.parse(cadence);
        } catch (DateTimeParseException e) {
            throw new BadInputException("the oracle round cadence \"" + cadence + "\" is not an ISO-8601 duration such as PT10M")
                    .about("oracle-cadence");
        }
        OracleService svc = new OracleService(ctx.db());
        OracleService.Outcome rounds = svc.aggregateMissing(start, end, every);
        OracleService.Outcome fin = svc.run(new OracleCommand.Finalize(), Clock.fixed(end, ZoneOffset.UTC));
        int r = rounds.of(RoundAggregated.class).size();
        int f = fin.of(Finalized.class).size();
        long written = rounds.events().size() + fin.events().size();
        return StepOutcome.of(r, written, r + " round(s) every " + every + " over " + ctx.businessDate() + ", "
                + f + " oracle event(s) finalized at " + end + "; " + written + " event(s) appended");
    }
}
