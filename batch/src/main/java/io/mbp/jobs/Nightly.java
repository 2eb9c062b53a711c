package io.mbp.jobs;

import io.mbp.jobs.steps.AmlStep;
import io.mbp.jobs.steps.AnchorStep;
import io.mbp.jobs.steps.EvidenceStep;
import io.mbp.jobs.steps.GateStep;
import io.mbp.jobs.steps.OracleStep;
import io.mbp.jobs.steps.PayoutsStep;
import io.mbp.jobs.steps.ReconStep;
import io.mbp.jobs.steps.RetentionStep;
import io.mbp.jobs.steps.SettleStep;
import io.mbp.jobs.steps.PublicExportsStep;
import io.mbp.jobs.steps.SealStep;
import io.mbp.jobs.steps.TargetsStep;
import io.mbp.jobs.steps.StatusSiteStep;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The nightly job: its steps in order, each idempotent for the business date. Steps land as their
 * adapters over the capabilities' services: oracle aggregate + finalize, settle, payouts, D+1
 * reconciliation of D-1, retention, AML monitoring, Go/No-Go, seal, anchor, evidence bundle, public exports, status site, targets.
 */
public final class Nightly {
    public static final String JOB = "nightly";

    private Nightly() {
    }

    public static List<Step> steps() {
        return steps(System::getenv);
    }

    /**
     * The steps in the order; {@code env} supplies the secrets (key passphrase, chain key)
     * the custody steps read from the environment. The order, with the steps other branches bring:
     * <ol>
     *   <li>oracle aggregate + finalize</li>
     *   <li>settle finalized markets</li>
     *   <li>payouts run (skipped without the option {@code psp})</li>
     *   <li>D+1 reconciliation of D-1 (skipped without the option {@code statement-dir})</li>
     *   <li>retention policy of the privacy vault (ADR 0706)</li>
     *   <li>AML monitoring of D (docs/aml.md)</li>
     *   <li>the Go/No-Go check, recorded so the day's bundle carries it (docs/gates.md)</li>
     *   <li>seal</li>
     *   <li>anchor</li>
     *   <li>evidence bundle for D</li>
     *   <li>public exports: the day's events and the signed truth files (ADR 0605)</li>
     *   <li>status site (ADR 0606)</li>
     *   <li>targets: reconciliation of D-1 and payouts MTTR; a miss is exit 3 after everything else ran</li>
     * </ol>
     */
    public static List<Step> steps(Function<String, String> env) {
        return List.of(
                new OracleStep(),
                new SettleStep(),
                new PayoutsStep(env),
                new ReconStep(),
                new RetentionStep(env),
                new AmlStep(),
                new GateStep(),
                new SealStep(env),
                new AnchorStep(env),
                new EvidenceStep(env),
                new PublicExportsStep(env),
                new StatusSiteStep(),
                new TargetsStep());
    }

    public static JobRunResult run(String dbUrl, Database db, Clock clock, LocalDate date, boolean force,
                                   Map<String, String> options, Duration lease, JobListener listener) {
        return run(dbUrl, db, clock, date, force, options, lease, listener, System::getenv);
    }

    public static JobRunResult run(String dbUrl, Database db, Clock clock, LocalDate date, boolean force,
                                   Map<String, String> options, Duration lease, JobListener listener,
                                   Function<String, String> env) {
        return run(dbUrl, db, clock, date, force, options, lease, Duration.ZERO, listener, env);
    }

    /**
     * The nightly; on PostgreSQL a run that finds the lock held by a run of the same date waits up to
     * {@code joinWait} for it to reach the payouts step and joins it there (docs/adr/0310).
     */
    public static JobRunResult run(String dbUrl, Database db, Clock clock, LocalDate date, boolean force,
                                   Map<String, String> options, Duration lease, Duration joinWait, JobListener listener,
                                   Function<String, String> env) {
        return new JobRunner(dbUrl, db, clock, lease).joinWait(joinWait).run(JOB, date, steps(env), force, options, listener);
    }
}
