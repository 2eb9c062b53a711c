package io.mbp.jobs;

import io.mbp.error.ExitCodes;
import io.mbp.error.MbpException;
import io.mbp.net.Urls;
import io.mbp.sql.Database;
import io.mbp.sql.schema.tables.records.JobLockRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A second run of a job on PostgreSQL that finds the job's lock held by a run of the same business
 * date (two nightly workers on two machines, issue 18, docs/adr/0310): instead of stopping, it waits
 * until the holder has completed every step before the first splittable one, then runs the splittable
 * steps (payouts) as one more claiming worker and leaves every other step to the holder. It records no
 * step of its own in the job repository (the holder's execution is the date's record); it reports what
 * it ran. A holder of another date, or past the splittable steps, is not joined: the run is refused as
 * locked (exit 75), having done nothing.
 */
final class JobJoin {
    private static final Logger LOG = LogManager.getLogger(JobJoin.class);
    /** How often a waiting run looks at the holder's progress (and at the lock: the holder may end). */
    static final Duration POLL = Duration.ofMillis(500);

    private final Database db;
    private final Clock clock;
    private final String job;
    private final LocalDate date;
    private final List<Step> steps;
    private final Map<String, String> options;
    private final JobListener listener;

    JobJoin(Database db, Clock clock, String job, LocalDate date, List<Step> steps, Map<String, String> options,
            JobListener listener) {
        this.db = db;
        this.clock = clock;
        this.job = job;
        this.date = date;
        this.steps = steps;
        this.options = options;
        this.listener = listener;
    }

    /**
     * Joins {@code holder}'s run, waiting up to {@code wait} for it to reach the splittable steps.
     * Returns what this run did, or null when the lock came free meanwhile and {@code lock} now holds
     * it (the caller then runs the date as the holder). Throws {@link JobLockedException} when there is
     * nothing to join.
     */
    JobRunResult join(JobLock lock, JobLockRecord holder, Duration wait) {
        if (steps.stream().noneMatch(Step::splittable)) {
            throw JobRunner.locked(job, holder, "");
        }
        JobRepository repo = new JobRepository(db, clock);
        long until = System.nanoTime() + wait.toNanos();
        JobLockRecord h = holder;
        while (true) {
            Optional<JobRepository.Running> run = repo.running(job, h.getOwner());
            if (run.isPresent()) {
                if (!run.get().businessDate().equals(date)) {
                    throw JobRunner.locked(job, h, " for business date " + run.get().businessDate() + ", not " + date);
                }
                Set<String> done = repo.completedSteps(run.get().instanceId());
                List<Step> share = steps.stream().filter(s -> s.splittable() && !done.contains(s.name())).toList();
                if (share.isEmpty()) {
                    throw JobRunner.locked(job, h, ", past the steps a second worker can share ("
                            + String.join(", ", steps.stream().filter(Step::splittable).map(Step::name).toList()) + ")");
                }
                List<Step> before = steps.subList(0, steps.indexOf(share.get(0)));
                if (before.stream().allMatch(s -> done.contains(s.name()))) {
                    return work(share, h.getOwner());
                }
            }
            if (System.nanoTime() - until >= 0) {
                throw JobRunner.locked(job, h, "; waited " + wait + " for it to reach "
                        + steps.stream().filter(Step::splittable).findFirst().orElseThrow().name() + " (see --join-wait)");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw JobRunner.locked(job, h, "; interrupted while waiting to join it");
            }
            Optional<JobLockRecord> again = lock.tryAcquire();
            if (again.isEmpty()) {
                LOG.info("{} {}: the lock holder {} ended while this run waited to join it; this run holds the lock now",
                        job, date, h.getOwner());
                return null;
            }
            h = again.get();
        }
    }

    private JobRunResult work(List<Step> share, String holder) {
        LOG.info("{} {}: joined the run of {} for the step(s) {}; the holder runs the others", job, date, holder,
                share.stream().map(Step::name).toList());
        List<String> ran = new ArrayList<>();
        for (Step step : share) {
            int index = steps.indexOf(step) + 1;
            listener.stepStarted(step.name(), index, steps.size());
            long t0 = System.nanoTime();
            StepContext ctx = new StepContext(date, db, clock, options, n -> listener.stepProgress(step.name(), n), true);
            try {
                StepOutcome outcome = step.run(ctx);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                listener.stepCompleted(step.name(), outcome, ms);
                LOG.info("{} {} step {} (joined {}) completed in {} ms: {}", job, date, step.name(), holder, ms, outcome.message());
                ran.add(step.name());
            } catch (MbpException e) {
                listener.stepFailed(step.name(), Urls.mask(e.getMessage()), (System.nanoTime() - t0) / 1_000_000);
                throw e;
            } catch (RuntimeException e) {
                String message = "step " + step.name() + " (joined " + holder + ") failed unexpectedly: " + Urls.mask(e.toString());
                listener.stepFailed(step.name(), message, (System.nanoTime() - t0) / 1_000_000);
                throw new MbpException(ExitCodes.UNEXPECTED, message, e);
            }
        }
        List<String> left = steps.stream().map(Step::name).filter(n -> !ran.contains(n)).toList();
        return new JobRunResult(job, date.toString(), null, false, ran, left, holder);
    }
}
