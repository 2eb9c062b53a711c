package io.mbp.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * another connection committed in between; the nightly's own lock heartbeat is such a connection. The
 * job repository's read-then-write transactions take the writers' lock first, so they queue instead.
 */
class JobRepositorySqliteTest {
    @TempDir
    Path dir;

    @Test
    void stepsStartWhileTheHeartbeatRenewsTheLockOnAnotherConnection() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("jobs.sqlite");
        try (Database runner = Database.openMigrated(url); Database beat = Database.open(url)) {
            JobLock lock = new JobLock(runner, Clock.systemUTC(), "nightly", Duration.ofMinutes(5));
            assertEquals(true, lock.tryAcquire().isEmpty());
            JobLock renewing = new JobLock(beat, Clock.systemUTC(), "nightly", Duration.ofMinutes(5), lock.owner());
            AtomicBoolean stop = new AtomicBoolean();
            Thread heartbeat = new Thread(() -> {
                while (!stop.get()) {
                    renewing.renew();
                }
            }, "test-heartbeat");
            heartbeat.start();
            try {
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
            } finally {
                stop.set(true);
                heartbeat.join();
            }
        }
    }
}
