package io.mbp.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.sql.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On SQLite (WAL) a transaction that reads and then writes fails SQLITE_BUSY_SNAPSHOT at once when
 * another connection committed in between; a run's lock heartbeat is such a connection. The job
 * repository's and the job lock's read-then-write transactions take the writers' lock first, so they
 * queue instead.
 */
class JobsOnSqliteTest {
    @TempDir
    Path dir;

    interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} while {@code renewing} renews its lease in a loop on its own connection. */
    private static void besideHeartbeat(JobLock renewing, Work work) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread heartbeat = new Thread(() -> {
            while (!stop.get()) {
                renewing.renew();
                // A real heartbeat renews every lease/3; a millisecond apart still commits between most
                // transactions' read and write, and leaves the writers' lock free now and then.
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        }, "test-heartbeat");
        heartbeat.start();
        try {
            work.run();
        } finally {
            stop.set(true);
            heartbeat.join();
        }
    }

    @Test
    void stepsStartWhileTheHeartbeatRenewsTheLockOnAnotherConnection() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("jobs.sqlite");
        try (Database runner = Database.openMigrated(url); Database beat = Database.open(url)) {
            JobLock lock = new JobLock(runner, Clock.systemUTC(), "nightly", Duration.ofMinutes(5));
            assertEquals(true, lock.tryAcquire().isEmpty());
            JobLock renewing = new JobLock(beat, Clock.systemUTC(), "nightly", Duration.ofMinutes(5), lock.owner());
            besideHeartbeat(renewing, () -> {
                JobRepository repo = new JobRepository(runner, Clock.systemUTC());
                for (int day = 1; day <= 20; day++) {
                    long instance = repo.instance("nightly", LocalDate.of(2026, 11, day));
                    long execution = repo.startExecution(instance, false, lock.owner());
                    for (int s = 0; s < 20; s++) {
                        repo.endStep(repo.startStep(execution, "step-" + s), JobStatus.COMPLETED, 0, 0, null);
                    }
                    repo.endExecution(execution, JobStatus.COMPLETED, 0, null);
                    assertEquals(20, repo.completedSteps(instance).size());
                }
            });
        }
    }

    /**
     * Before the fix, an insert failed by the other job's heartbeat was read as a lost race and, with no row
     * there, answered "acquired" without a lease row: the run went on unlocked.
     */
    @Test
    void aLockIsTakenForRealWhileAnotherJobsHeartbeatCommitsOnAnotherConnection() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("locks.sqlite");
        try (Database runner = Database.openMigrated(url); Database beat = Database.open(url)) {
            JobLock other = new JobLock(beat, Clock.systemUTC(), "payouts", Duration.ofMinutes(5));
            assertTrue(other.tryAcquire().isEmpty());
            besideHeartbeat(other, () -> {
                for (int i = 0; i < 50; i++) {
                    JobLock lock = new JobLock(runner, Clock.systemUTC(), "nightly", Duration.ofMinutes(5));
                    assertTrue(lock.tryAcquire().isEmpty(), "attempt " + i + ": refused with nobody holding the lock");
                    assertTrue(lock.renew(), "attempt " + i + ": acquired, but no lease row was written");
                    JobLock second = new JobLock(runner, Clock.systemUTC(), "nightly", Duration.ofMinutes(5));
                    assertEquals(lock.owner(), second.tryAcquire().orElseThrow().getOwner(), "attempt " + i + ": held twice");
                    lock.release();
                }
            });
        }
    }
}
