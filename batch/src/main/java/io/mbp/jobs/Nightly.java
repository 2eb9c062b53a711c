package io.mbp.jobs;

import io.mbp.jobs.steps.PublicExportsStep;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The nightly job: its steps in order, each idempotent for the business date. Steps land as their
 * capabilities do: oracle aggregate + finalize, settle, payouts, D+1 reconciliation of D-1, seal,
 * anchor, evidence bundle, public exports.
 */
public final class Nightly {
    public static final String JOB = "nightly";

    private Nightly() {
    }

    public static List<Step> steps() {
        return List.of(new PublicExportsStep());
    }

    public static JobRunResult run(String dbUrl, Database db, Clock clock, LocalDate date, boolean force,
                                   Map<String, String> options, Duration lease, JobListener listener) {
        return new JobRunner(dbUrl, db, clock, lease).run(JOB, date, steps(), force, options, listener);
    }
}
