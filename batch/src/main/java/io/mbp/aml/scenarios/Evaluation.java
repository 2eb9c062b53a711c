package io.mbp.aml.scenarios;

import io.mbp.aml.alerts.AlertDraft;
import io.mbp.events.Timestamps;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs scenario definitions over one day (pure: the inputs and a clock, no I/O). The day must be over
 * by the clock (UTC days, as the log's timestamps), else it would alert on half a day and miss the
 * rest. Each finding becomes an {@link AlertDraft} keyed "scenario@version/date/discriminator", so
 * evaluating the same day again yields the same keys.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /** The drafts of one evaluation, and when it ran. */
    public record Result(String date, String evaluatedAt, List<ScenarioDefinition> scenarios, List<AlertDraft> drafts) {
    }

    public static Result run(List<ScenarioDefinition> scenarios, DayInput in, Clock clock) {
        var end = in.date().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (clock.instant().isBefore(end)) {
            throw new DayNotOverException("the business day " + in.date() + " is not over until " + Timestamps.format(end)
                    + " (UTC): evaluate it after that");
        }
        List<AlertDraft> drafts = new ArrayList<>();
        for (ScenarioDefinition d : scenarios) {
            for (Finding f : Rules.apply(d, in)) {
                drafts.add(new AlertDraft(d.ref() + "/" + in.date() + "/" + f.discriminator(), d.id(), d.version(), f.account(),
                        in.profile(f.account()).subject(), in.date().toString(), f.summary(), f.evidence()));
            }
        }
        return new Result(in.date().toString(), Timestamps.format(clock.instant()), List.copyOf(scenarios), drafts);
    }

    /** Raised when the evaluated day has not ended by the clock. */
    public static final class DayNotOverException extends io.mbp.error.UsageException {
        public DayNotOverException(String message) {
            super(message);
        }
    }
}
