package io.mbp.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.sql.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Taking a lock reads the lease row, then inserts or takes it over. On SQLite (WAL) another job's heartbeat
 * committing in between used to fail the insert SQLITE_BUSY_SNAPSHOT, which the lock read as a lost race: with
 * no row there it answered "acquired" without a lease row, and the run went on unlocked. The lock now takes the
 * writers' lock first, so it queues behind the heartbeat instead.
 */
class JobLockSqliteTest {
    @TempDir
    Path dir;

    @Test
    void aLockIsTakenForRealWhileAnotherJobsHeartbeatCommitsOnAnotherConnection() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("locks.sqlite");
        try (Database runner = Database.openMigrated(url); Database beat = Database.open(url)) {
            JobLock other = new JobLock(beat, Clock.systemUTC(), "payouts", Duration.ofMinutes(5));
            assertTrue(other.tryAcquire().isEmpty());
            AtomicBoolean stop = new AtomicBoolean();
            Thread heartbeat = new Thread(() -> {
                while (!stop.get()) {
                    other.renew();
                }
            }, "test-heartbeat");
            heartbeat.start();
            try {
                for (int i = 0; i < 200; i++) {
                    JobLock lock = new JobLock(runner, Clock.systemUTC(), "nightly", Duration.ofMinutes(5));
                    assertTrue(lock.tryAcquire().isEmpty(), "attempt " + i + ": refused with nobody holding the lock");
                    assertTrue(lock.renew(), "attempt " + i + ": acquired, but no lease row was written");
                    JobLock second = new JobLock(runner, Clock.systemUTC(), "nightly", Duration.ofMinutes(5));
                    assertEquals(lock.owner(), second.tryAcquire().orElseThrow().getOwner(), "attempt " + i + ": held twice");
                    lock.release();
                }
            } finally {
                stop.set(true);
                heartbeat.join();
            }
        }
    }
}
