package io.mbp.jobs;

import io.mbp.sql.testing.ChildJvm;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.MbpException;
import io.mbp.error.VerificationFailedException;
import io.mbp.sql.Database;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunnerTest {
    private static final LocalDate D = LocalDate.parse("2026-11-27");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;


    static String url(TestDatabase engine) {
        return engine.url("jobs");
    }

    /** A step that records each call; fails while {@code failures} is positive. */
    static final class Recording implements Step {
        final String name;
        final List<String> calls;
        int failures;

        Recording(String name, List<String> calls, int failures) {
            this.name = name;
            this.calls = calls;
            this.failures = failures;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public StepOutcome run(StepContext context) {
            calls.add(name);
            if (failures-- > 0) {
                throw new VerificationFailedException(name + " found a mismatch");
            }
            return StepOutcome.of(10, 1, name + " ok");
        }
    }

    @EveryEngine
    void runsStepsInOrderAndDoesNotRerunACompletedDateUnlessForced(TestDatabase engine) {
        List<String> calls = new ArrayList<>();
        List<Step> steps = List.of(new Recording("a", calls, 0), new Recording("b", calls, 0), new Recording("c", calls, 0));
        try (Database db = Database.openMigrated(url(engine))) {
            JobRunner runner = new JobRunner(url(engine), db, CLOCK, Duration.ofMinutes(10));
            JobRunResult first = runner.run("nightly", D, steps, false, Map.of(), JobListener.NONE);
            assertEquals(List.of("a", "b", "c"), calls);
            assertEquals(List.of("a", "b", "c"), first.ran());

            JobRunResult again = runner.run("nightly", D, steps, false, Map.of(), JobListener.NONE);
            assertTrue(again.alreadyCompleted());
            assertEquals(3, calls.size());

            JobRunResult forced = runner.run("nightly", D, steps, true, Map.of(), JobListener.NONE);
            assertEquals(List.of("a", "b", "c"), forced.ran());
            assertEquals(6, calls.size());
            JobViews.ExecutionDetail detail = new JobRepository(db, CLOCK).execution(forced.executionId());
            assertTrue(detail.execution().forced());
            assertEquals(JobStatus.COMPLETED, detail.execution().status());

            runner.run("nightly", LocalDate.parse("2026-11-28"), steps, false, Map.of(), JobListener.NONE);
            assertEquals(9, calls.size(), "another date is another instance");
        }
    }

    @EveryEngine
    void aFailureQuotingAUrlIsRecordedAndRaisedWithItsCredentialsMasked(TestDatabase engine) {
        Step quoting = new Step() {
            @Override
            public String name() {
                return "payouts";
            }

            @Override
            public StepOutcome run(StepContext context) {
                throw new IllegalArgumentException("Illegal character in path at index 40: http://op:Pa55word@127.0.0.1:1/x?token=T0ken y");
            }
        };
        try (Database db = Database.openMigrated(url(engine))) {
            MbpException e = assertThrows(MbpException.class, () -> new JobRunner(url(engine), db, CLOCK, Duration.ofMinutes(10))
                    .run("nightly", D, List.of(quoting), false, Map.of(), JobListener.NONE));
            JobRepository repo = new JobRepository(db, CLOCK);
            JobViews.ExecutionDetail d = repo.execution(repo.executions("nightly", 1).get(0).id());
            for (String shown : List.of(e.getMessage(), d.execution().exitMessage(), d.steps().get(0).exitMessage())) {
                assertTrue(shown.contains("http://op:***@127.0.0.1:1/x?token=***"), shown);
                assertFalse(shown.contains("Pa55word") || shown.contains("T0ken"), shown);
            }
        }
    }

    @EveryEngine
    void aFailedRunRestartsFromTheFailedStep(TestDatabase engine) {
        List<String> calls = new ArrayList<>();
        List<Step> steps = List.of(new Recording("a", calls, 0), new Recording("b", calls, 1), new Recording("c", calls, 0));
        try (Database db = Database.openMigrated(url(engine))) {
            JobRunner runner = new JobRunner(url(engine), db, CLOCK, Duration.ofMinutes(10));
            MbpException e = assertThrows(MbpException.class,
                    () -> runner.run("nightly", D, steps, false, Map.of(), JobListener.NONE));
            assertEquals(3, e.exitCode());
            assertEquals(List.of("a", "b"), calls);
            JobViews.Execution failed = new JobRepository(db, CLOCK).executions("nightly", 1).get(0);
            assertEquals(JobStatus.FAILED, failed.status());
            assertEquals(3, failed.exitCode());

            JobRunResult resumed = runner.run("nightly", D, steps, false, Map.of(), JobListener.NONE);
            assertEquals(List.of("a", "b", "b", "c"), calls);
            assertEquals(List.of("a"), resumed.skipped());
            assertEquals(List.of("b", "c"), resumed.ran());
        }
    }

    @EveryEngine
    void aSecondRunWhileTheFirstHoldsTheLockExitsLocked(TestDatabase engine) throws Exception {
        String url = url(engine);
        try (Database db = Database.openMigrated(url)) {
            assertEquals(0, new JobRepository(db, CLOCK).executions(null, 10).size());
        }
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Step blocking = new Step() {
            @Override
            public String name() {
                return "blocking";
            }

            @Override
            public StepOutcome run(StepContext context) {
                inStep.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return StepOutcome.of(0, 0, "done");
            }
        };
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        Thread first = new Thread(() -> {
            try (Database db = Database.open(url)) {
                new JobRunner(url, db, Clock.systemUTC(), Duration.ofMinutes(10))
                        .run("nightly", D, List.of(blocking), false, Map.of(), JobListener.NONE);
            } catch (Throwable t) {
                firstError.set(t);
            }
        });
        first.start();
        assertTrue(inStep.await(30, TimeUnit.SECONDS));
        try (Database db = Database.open(url)) {
            JobLockedException e = assertThrows(JobLockedException.class, () -> new JobRunner(url, db, Clock.systemUTC(),
                    Duration.ofMinutes(10)).run("nightly", D, List.of(blocking), false, Map.of(), JobListener.NONE));
            assertEquals(JobExitCodes.LOCKED, e.exitCode());
        } finally {
            release.countDown();
            first.join();
        }
        assertEquals(null, firstError.get());
    }

    /** A splittable step: records who ran it ("share" or "share (joined)"); the holder's copy blocks until released. */
    private static Step share(List<String> calls, CountDownLatch inStep, CountDownLatch release) {
        return new Step() {
            @Override
            public String name() {
                return "share";
            }

            @Override
            public boolean splittable() {
                return true;
            }

            @Override
            public StepOutcome run(StepContext ctx) {
                calls.add(ctx.joined() ? "share (joined)" : "share");
                if (inStep != null) {
                    inStep.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return StepOutcome.of(0, 0, "shared");
            }
        };
    }

    /**
     * Issue 18, ADR 0310: on PostgreSQL a second run that finds the lock held by a run of its date joins
     * the splittable steps the holder is in (and runs nothing else); a run of another date is refused.
     * On H2 and SQLite the second run is refused (75) and runs nothing, as before.
     */
    @EveryEngine
    void aSecondRunJoinsTheSplittableStepsOnPostgresOnly(TestDatabase engine) throws Exception {
        String url = url(engine);
        try (Database db = Database.openMigrated(url)) {
            assertTrue(db != null);
        }
        List<String> holderCalls = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Object> holder = new AtomicReference<>();
        Thread first = new Thread(() -> {
            try (Database db = Database.open(url)) {
                holder.set(new JobRunner(url, db, Clock.systemUTC(), Duration.ofMinutes(10)).run("nightly", D,
                        List.of(new Recording("prepare", holderCalls, 0), share(holderCalls, inStep, release),
                                new Recording("after", holderCalls, 0)), false, Map.of(), JobListener.NONE));
            } catch (Throwable t) {
                holder.set(t);
            }
        });
        first.start();
        assertTrue(inStep.await(30, TimeUnit.SECONDS));
        List<String> joinerCalls = new ArrayList<>();
        List<Step> joinerSteps = List.of(new Recording("prepare", joinerCalls, 0), share(joinerCalls, null, null),
                new Recording("after", joinerCalls, 0));
        try (Database db = Database.open(url)) {
            JobRunner second = new JobRunner(url, db, Clock.systemUTC(), Duration.ofMinutes(10)).joinWait(Duration.ofSeconds(5));
            JobLockedException otherDate = assertThrows(JobLockedException.class,
                    () -> second.run("nightly", D.plusDays(1), joinerSteps, false, Map.of(), JobListener.NONE));
            assertEquals(JobExitCodes.LOCKED, otherDate.exitCode());
            if (engine.is(io.mbp.sql.Engine.POSTGRESQL)) {
                assertTrue(otherDate.getMessage().contains("for business date " + D + ", not " + D.plusDays(1)), otherDate.getMessage());
                JobRunResult joined = second.run("nightly", D, joinerSteps, false, Map.of(), JobListener.NONE);
                assertEquals(List.of("share"), joined.ran());
                assertEquals(List.of("prepare", "after"), joined.skipped());
                assertEquals(null, joined.executionId(), "the joiner records no execution of its own");
                assertTrue(joined.joined() != null && joined.joined().contains("@"), String.valueOf(joined.joined()));
                assertEquals(List.of("share (joined)"), joinerCalls, "the joiner runs the splittable step only");
            } else {
                JobLockedException e = assertThrows(JobLockedException.class,
                        () -> second.run("nightly", D, joinerSteps, false, Map.of(), JobListener.NONE));
                assertEquals(JobExitCodes.LOCKED, e.exitCode());
                assertEquals(List.of(), joinerCalls, "refused: nothing run");
            }
        } finally {
            release.countDown();
            first.join();
        }
        assertTrue(holder.get() instanceof JobRunResult, String.valueOf(holder.get()));
        assertEquals(List.of("prepare", "share", "after"), holderCalls, "the holder runs the whole day");
        assertEquals(List.of("prepare", "share", "after"), ((JobRunResult) holder.get()).ran());
    }

    @Test
    void aLockHeldByADeadProcessOrPastItsLeaseIsTakenOver() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("jobs").toAbsolutePath();
        try (Database db = Database.openMigrated(url)) {
            String host = JobLock.currentOwner().substring(JobLock.currentOwner().indexOf('@') + 1);
            long deadPid = ProcessHandle.current().pid() + 1_000_000;
            try (Statement st = db.connection().createStatement()) {
                st.executeUpdate("INSERT INTO job_lock VALUES ('nightly', '" + deadPid + "@" + host
                        + "', '2026-11-28T02:59:00Z', '2026-11-28T04:00:00Z')");
                st.executeUpdate("INSERT INTO job_lock VALUES ('other', '1@some-other-host', "
                        + "'2026-11-28T01:00:00Z', '2026-11-28T02:00:00Z')");
                st.executeUpdate("INSERT INTO job_lock VALUES ('busy', '1@some-other-host', "
                        + "'2026-11-28T02:59:00Z', '2026-11-28T04:00:00Z')");
                db.connection().commit();
            }
            assertTrue(new JobLock(db, CLOCK, "nightly", Duration.ofMinutes(10)).tryAcquire().isEmpty(), "dead pid");
            assertTrue(new JobLock(db, CLOCK, "other", Duration.ofMinutes(10)).tryAcquire().isEmpty(), "expired lease");
            assertFalse(new JobLock(db, CLOCK, "busy", Duration.ofMinutes(10)).tryAcquire().isEmpty(), "live lease elsewhere");
        }
    }

    /** Child JVM for the kill test: runs a job whose second step halts the JVM mid-step. */
    public static void main(String[] args) {
        String url = args[0];
        Path marker = Path.of(args[1]);
        Database db = Database.openMigrated(url);
        Step write = new Step() {
            @Override
            public String name() {
                return "write";
            }

            @Override
            public StepOutcome run(StepContext c) {
                return StepOutcome.of(0, 1, "wrote");
            }
        };
        Step crashy = new Step() {
            @Override
            public String name() {
                return "crashy";
            }

            @Override
            public StepOutcome run(StepContext c) {
                if (!Files.exists(marker)) {
                    try {
                        Files.writeString(marker, "crashed once");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    System.out.println("halting mid-step");
                    System.out.flush();
                    Runtime.getRuntime().halt(137);
                }
                return StepOutcome.of(0, 1, "finished");
            }
        };
        JobRunResult r = new JobRunner(url, db, Clock.systemUTC(), Duration.ofMinutes(10))
                .run("nightly", D, List.of(write, crashy), false, Map.of(), JobListener.NONE);
        System.out.println("ran " + r.ran() + " skipped " + r.skipped());
        System.exit(0);
    }

    @EveryEngine
    void aRunKilledMidStepIsAbandonedAndTheNextRunResumesAtThatStep(TestDatabase engine) throws Exception {
        String url = url(engine);
        Path marker = tmp.resolve("crashed-" + engine);
        String first = child(url, marker);
        assertTrue(first.contains("halting mid-step"), first);
        String second = child(url, marker);
        assertTrue(second.contains("ran [crashy] skipped [write]"), second);
        try (Database db = Database.open(url)) {
            List<JobViews.Execution> execs = new JobRepository(db, CLOCK).executions("nightly", 10);
            assertEquals(JobStatus.COMPLETED, execs.get(0).status());
            assertEquals(JobStatus.ABANDONED, execs.get(1).status());
            int locks = db.read(dsl -> dsl.fetchCount(io.mbp.sql.schema.Tables.JOB_LOCK));
            assertEquals(0, locks, "lock released");
        }
    }

    private String child(String url, Path marker) throws Exception {
        Process p = new ProcessBuilder(ChildJvm.command(JobRunnerTest.class.getName(), url, marker.toString()))
                .redirectError(new File(tmp.toFile(), "child.err")).start();
        // a guard against a hung child, not a time limit: on a 2-core machine at load 25 one took 95 s
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "child did not finish");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
