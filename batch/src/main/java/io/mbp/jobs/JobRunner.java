package io.mbp.jobs;

import io.mbp.error.ExitCodes;
import io.mbp.error.MbpException;
import io.mbp.net.Urls;
import io.mbp.sql.Database;
import io.mbp.sql.Engine;
import io.mbp.sql.schema.tables.records.JobLockRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs a job's steps in order for a business date, Spring Batch style: one instance per
 * (job, date); a completed instance is not re-run unless forced; a failed or killed run resumes
 * at the first step that has not completed. The job lock keeps two runs from overlapping.
 */
public final class JobRunner {
    private static final Logger LOG = LogManager.getLogger(JobRunner.class);

    private final String dbUrl;
    private final Database db;
    private final Clock clock;
    private final Duration lease;
    private Duration joinWait = Duration.ZERO;

    public JobRunner(String dbUrl, Database db, Clock clock, Duration lease) {
        this.dbUrl = dbUrl;
        this.db = db;
        this.clock = clock;
        this.lease = lease;
    }

    /**
     * On PostgreSQL, how long a run that finds the lock held for its date waits for the holder to reach
     * the steps it can share (docs/adr/0310); zero joins only a holder already there. Default zero.
     */
    public JobRunner joinWait(Duration wait) {
        this.joinWait = wait;
        return this;
    }

    public JobRunResult run(String job, LocalDate date, List<Step> steps, boolean force, Map<String, String> options,
                            JobListener listener) {
        JobLock lock = new JobLock(db, clock, job, lease);
        Optional<JobLockRecord> held = lock.tryAcquire();
        if (held.isPresent()) {
            if (db.engine() != Engine.POSTGRESQL) {
                throw locked(job, held.get(), "");
            }
            JobRunResult joined = new JobJoin(db, clock, job, date, steps, options, listener).join(lock, held.get(), joinWait);
            if (joined != null) {
                return joined;
            }
            // the holder ended while we waited: this run holds the lock now and resumes the date itself
        }
        AtomicBoolean lost = new AtomicBoolean();
        ScheduledExecutorService heartbeat = startHeartbeat(job, lock.owner(), lost);
        try {
            return runLocked(job, date, steps, force, options, listener, lock.owner(), lost);
        } finally {
            heartbeat.shutdownNow();
            lock.release();
        }
    }

    private JobRunResult runLocked(String job, LocalDate date, List<Step> steps, boolean force,
                                   Map<String, String> options, JobListener listener, String owner, AtomicBoolean lost) {
        JobRepository repo = new JobRepository(db, clock);
        long instance = repo.instance(job, date);
        int abandoned = repo.abandonStale(instance);
        Set<String> done = force ? Set.of() : repo.completedSteps(instance);
        List<String> skipped = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        if (!force && steps.stream().allMatch(s -> done.contains(s.name()))) {
            LOG.info("{} {} already completed; not re-run (a forced run re-runs every step)", job, date);
            return new JobRunResult(job, date.toString(), null, true, ran, steps.stream().map(Step::name).toList(), null);
        }
        if (force) {
            LOG.warn("{} {} forced: every step runs again (each is idempotent for its date)", job, date);
        }
        long execution = repo.startExecution(instance, force, owner);
        listener.jobStarted(job, date.toString(), execution, abandoned > 0 || !done.isEmpty());
        long jobStart = System.nanoTime();
        LOG.info("{} {} started (execution {}, {} step(s), {} already done)", job, date, execution, steps.size(), done.size());
        StepContext base = new StepContext(date, db, clock, options, n -> { });
        int index = 0;
        for (Step step : steps) {
            index++;
            if (done.contains(step.name())) {
                skipped.add(step.name());
                listener.stepSkipped(step.name());
                continue;
            }
            if (lost.get()) {
                throw fail(repo, execution, new MbpException(ExitCodes.UNEXPECTED,
                        "lost the job lock (heartbeat failed); stopped before step " + step.name()));
            }
            listener.stepStarted(step.name(), index, steps.size());
            LOG.info("{} {} step {} ({}/{}) started", job, date, step.name(), index, steps.size());
            long stepId = repo.startStep(execution, step.name());
            long t0 = System.nanoTime();
            StepContext ctx = new StepContext(base.businessDate(), db, clock, options,
                    n -> listener.stepProgress(step.name(), n));
            try {
                StepOutcome outcome = step.run(ctx);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                repo.endStep(stepId, JobStatus.COMPLETED, outcome.read(), outcome.written(), outcome.message());
                listener.stepCompleted(step.name(), outcome, ms);
                LOG.info("{} {} step {} completed in {} ms: {}", job, date, step.name(), ms, outcome.message());
                ran.add(step.name());
            } catch (MbpException e) {
                stepFailed(repo, listener, stepId, step, Urls.mask(e.getMessage()), t0);
                throw fail(repo, execution, e);
            } catch (RuntimeException e) {
                // An unexpected exception's text may quote an --rpc or --psp URL with its credentials.
                String message = "step " + step.name() + " failed unexpectedly: " + Urls.mask(e.toString());
                stepFailed(repo, listener, stepId, step, message, t0);
                throw fail(repo, execution, new MbpException(ExitCodes.UNEXPECTED, message, e));
            }
        }
        repo.endExecution(execution, JobStatus.COMPLETED, ExitCodes.OK, "completed: " + ran.size() + " step(s) ran, "
                + skipped.size() + " already done");
        LOG.info("{} {} completed in {} ms: {} step(s) ran, {} already done", job, date,
                (System.nanoTime() - jobStart) / 1_000_000, ran.size(), skipped.size());
        return new JobRunResult(job, date.toString(), execution, false, ran, skipped, null);
    }

    private void stepFailed(JobRepository repo, JobListener listener, long stepId, Step step, String message, long t0) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        repo.endStep(stepId, JobStatus.FAILED, 0, 0, message);
        listener.stepFailed(step.name(), message, ms);
        LOG.info("step {} failed after {} ms: {}", step.name(), ms, message);
    }

    static JobLockedException locked(String job, JobLockRecord holder, String why) {
        return new JobLockedException("job '" + job + "' is already running (lock held by " + holder.getOwner()
                + " since " + holder.getAcquiredAt() + ", lease until " + holder.getExpiresAt() + ")" + why
                + "; this run did nothing. If that process is gone on another host, the lease expires by itself.");
    }

    private static MbpException fail(JobRepository repo, long execution, MbpException e) {
        repo.endExecution(execution, JobStatus.FAILED, e.exitCode(), Urls.mask(e.getMessage()));
        return e;
    }

    /** Renews the lease on its own connection every third of the lease. */
    private ScheduledExecutorService startHeartbeat(String job, String owner, AtomicBoolean lost) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, lease.toMillis() / 3);
        s.scheduleAtFixedRate(() -> {
            try (Database own = Database.open(dbUrl)) {
                if (!new JobLock(own, clock, job, lease, owner).renew()) {
                    lost.set(true);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not renew the {} lock: {}", job, e.getMessage());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return s;
    }
}
