package io.mbp.jobs;

import static io.mbp.sql.schema.Tables.JOB_EXECUTION;
import static io.mbp.sql.schema.Tables.JOB_INSTANCE;
import static io.mbp.sql.schema.Tables.STEP_EXECUTION;

import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The job repository: instances (job + business date), executions and step executions, each
 * write committed at once so a crash leaves an honest trail. Callers hold the job lock, so ids
 * taken as MAX(id)+1 cannot collide.
 */
public final class JobRepository {
    private final Database db;
    private final Clock clock;

    public JobRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    private String now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    public long instance(String job, LocalDate date) {
        return db.inTransaction(dsl -> {
            EventLog.lockWritersOnSqlite(dsl); // reads max(id), then inserts beside the lock heartbeat's commits
            Long id = dsl.select(JOB_INSTANCE.ID).from(JOB_INSTANCE)
                    .where(JOB_INSTANCE.JOB_NAME.eq(job).and(JOB_INSTANCE.BUSINESS_DATE.eq(date.toString())))
                    .fetchOne(JOB_INSTANCE.ID);
            if (id != null) {
                return id;
            }
            long next = nextId(dsl, JOB_INSTANCE.ID, JOB_INSTANCE);
            dsl.insertInto(JOB_INSTANCE, JOB_INSTANCE.ID, JOB_INSTANCE.JOB_NAME, JOB_INSTANCE.BUSINESS_DATE,
                    JOB_INSTANCE.CREATED_AT).values(next, job, date.toString(), now()).execute();
            return next;
        });
    }

    /** Marks executions of this instance still STARTED as ABANDONED: their process is gone. */
    public int abandonStale(long instanceId) {
        return db.inTransaction(dsl -> {
            dsl.update(STEP_EXECUTION).set(STEP_EXECUTION.STATUS, JobStatus.ABANDONED.name())
                    .set(STEP_EXECUTION.ENDED_AT, now())
                    .set(STEP_EXECUTION.EXIT_MESSAGE, "process died while the step ran")
                    .where(STEP_EXECUTION.STATUS.eq(JobStatus.STARTED.name())
                            .and(STEP_EXECUTION.EXECUTION_ID.in(DSL.select(JOB_EXECUTION.ID).from(JOB_EXECUTION)
                                    .where(JOB_EXECUTION.INSTANCE_ID.eq(instanceId)))))
                    .execute();
            return dsl.update(JOB_EXECUTION).set(JOB_EXECUTION.STATUS, JobStatus.ABANDONED.name())
                    .set(JOB_EXECUTION.ENDED_AT, now())
                    .set(JOB_EXECUTION.EXIT_MESSAGE, "process died while the job ran; a later run resumed it")
                    .where(JOB_EXECUTION.INSTANCE_ID.eq(instanceId).and(JOB_EXECUTION.STATUS.eq(JobStatus.STARTED.name())))
                    .execute();
        });
    }

    /** Steps completed for this instance since its last forced execution (a force starts afresh). */
    public Set<String> completedSteps(long instanceId) {
        return db.read(dsl -> {
            Long lastForced = dsl.select(DSL.max(JOB_EXECUTION.ID)).from(JOB_EXECUTION)
                    .where(JOB_EXECUTION.INSTANCE_ID.eq(instanceId).and(JOB_EXECUTION.FORCED.eq(1)))
                    .fetchOne(0, Long.class);
            long from = lastForced == null ? 0 : lastForced;
            return new HashSet<>(dsl.selectDistinct(STEP_EXECUTION.STEP_NAME).from(STEP_EXECUTION)
                    .join(JOB_EXECUTION).on(JOB_EXECUTION.ID.eq(STEP_EXECUTION.EXECUTION_ID))
                    .where(JOB_EXECUTION.INSTANCE_ID.eq(instanceId)
                            .and(JOB_EXECUTION.ID.ge(from))
                            .and(STEP_EXECUTION.STATUS.eq(JobStatus.COMPLETED.name())))
                    .fetch(STEP_EXECUTION.STEP_NAME));
        });
    }

    /** A run in progress: its execution, instance and business date. */
    public record Running(long executionId, long instanceId, LocalDate businessDate) {
    }

    /**
     * The execution of {@code job} that {@code owner} (the lock holder) has started and not ended, if
     * any: a run that joins the holder reads its business date and completed steps from here.
     */
    public java.util.Optional<Running> running(String job, String owner) {
        return db.read(dsl -> dsl.select(JOB_EXECUTION.ID, JOB_EXECUTION.INSTANCE_ID, JOB_INSTANCE.BUSINESS_DATE)
                .from(JOB_EXECUTION).join(JOB_INSTANCE).on(JOB_INSTANCE.ID.eq(JOB_EXECUTION.INSTANCE_ID))
                .where(JOB_INSTANCE.JOB_NAME.eq(job).and(JOB_EXECUTION.OWNER.eq(owner))
                        .and(JOB_EXECUTION.STATUS.eq(JobStatus.STARTED.name())))
                .orderBy(JOB_EXECUTION.ID.desc()).limit(1)
                .fetchOptional(r -> new Running(r.value1(), r.value2(), LocalDate.parse(r.value3()))));
    }

    public long startExecution(long instanceId, boolean forced, String owner) {
        return db.inTransaction(dsl -> {
            EventLog.lockWritersOnSqlite(dsl); // reads max(id), then inserts beside the lock heartbeat's commits
            long next = nextId(dsl, JOB_EXECUTION.ID, JOB_EXECUTION);
            dsl.insertInto(JOB_EXECUTION, JOB_EXECUTION.ID, JOB_EXECUTION.INSTANCE_ID, JOB_EXECUTION.STATUS,
                            JOB_EXECUTION.FORCED, JOB_EXECUTION.OWNER, JOB_EXECUTION.STARTED_AT)
                    .values(next, instanceId, JobStatus.STARTED.name(), forced ? 1 : 0, owner, now()).execute();
            return next;
        });
    }

    public void endExecution(long executionId, JobStatus status, int exitCode, String message) {
        db.inTransaction(dsl -> dsl.update(JOB_EXECUTION).set(JOB_EXECUTION.STATUS, status.name())
                .set(JOB_EXECUTION.ENDED_AT, now()).set(JOB_EXECUTION.EXIT_CODE, exitCode)
                .set(JOB_EXECUTION.EXIT_MESSAGE, truncate(message)).where(JOB_EXECUTION.ID.eq(executionId)).execute());
    }

    public long startStep(long executionId, String step) {
        return db.inTransaction(dsl -> {
            EventLog.lockWritersOnSqlite(dsl); // reads max(id), then inserts beside the lock heartbeat's commits
            long next = nextId(dsl, STEP_EXECUTION.ID, STEP_EXECUTION);
            dsl.insertInto(STEP_EXECUTION, STEP_EXECUTION.ID, STEP_EXECUTION.EXECUTION_ID, STEP_EXECUTION.STEP_NAME,
                            STEP_EXECUTION.STATUS, STEP_EXECUTION.STARTED_AT, STEP_EXECUTION.READ_COUNT,
                            STEP_EXECUTION.WRITE_COUNT)
                    .values(next, executionId, step, JobStatus.STARTED.name(), now(), 0L, 0L).execute();
            return next;
        });
    }

    public void endStep(long stepId, JobStatus status, long read, long written, String message) {
        db.inTransaction(dsl -> dsl.update(STEP_EXECUTION).set(STEP_EXECUTION.STATUS, status.name())
                .set(STEP_EXECUTION.ENDED_AT, now()).set(STEP_EXECUTION.READ_COUNT, read)
                .set(STEP_EXECUTION.WRITE_COUNT, written).set(STEP_EXECUTION.EXIT_MESSAGE, truncate(message))
                .where(STEP_EXECUTION.ID.eq(stepId)).execute());
    }

    public List<JobViews.Execution> executions(String job, int limit) {
        return db.read(dsl -> dsl.select().from(JOB_EXECUTION).join(JOB_INSTANCE).on(JOB_INSTANCE.ID.eq(JOB_EXECUTION.INSTANCE_ID))
                .where(job == null ? DSL.noCondition() : JOB_INSTANCE.JOB_NAME.eq(job))
                .orderBy(JOB_EXECUTION.ID.desc()).limit(limit).fetch(JobRepository::execution));
    }

    public JobViews.ExecutionDetail execution(long id) {
        return db.read(dsl -> {
            Record r = dsl.select().from(JOB_EXECUTION).join(JOB_INSTANCE).on(JOB_INSTANCE.ID.eq(JOB_EXECUTION.INSTANCE_ID))
                    .where(JOB_EXECUTION.ID.eq(id)).fetchOne();
            if (r == null) {
                return null;
            }
            List<JobViews.StepRun> steps = dsl.selectFrom(STEP_EXECUTION).where(STEP_EXECUTION.EXECUTION_ID.eq(id))
                    .orderBy(STEP_EXECUTION.ID).fetch(s -> new JobViews.StepRun(s.getId(), s.getExecutionId(),
                            s.getStepName(), JobStatus.valueOf(s.getStatus()), s.getStartedAt(), s.getEndedAt(),
                            s.getReadCount(), s.getWriteCount(), s.getExitMessage()));
            return new JobViews.ExecutionDetail(execution(r), steps);
        });
    }

    private static JobViews.Execution execution(Record r) {
        return new JobViews.Execution(r.get(JOB_EXECUTION.ID), r.get(JOB_EXECUTION.INSTANCE_ID),
                r.get(JOB_INSTANCE.JOB_NAME), r.get(JOB_INSTANCE.BUSINESS_DATE),
                JobStatus.valueOf(r.get(JOB_EXECUTION.STATUS)), r.get(JOB_EXECUTION.FORCED) == 1,
                r.get(JOB_EXECUTION.OWNER), r.get(JOB_EXECUTION.STARTED_AT), r.get(JOB_EXECUTION.ENDED_AT),
                r.get(JOB_EXECUTION.EXIT_CODE), r.get(JOB_EXECUTION.EXIT_MESSAGE));
    }

    private static long nextId(DSLContext dsl, org.jooq.Field<Long> id, org.jooq.Table<?> table) {
        Long max = dsl.select(DSL.max(id)).from(table).fetchOne(0, Long.class);
        return max == null ? 1 : max + 1;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }
}
