package io.mbp.privacy.retention;

import static io.mbp.sql.schema.Tables.PRIVACY_SUBJECTS;

import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.privacy.Vault;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * The retention run (ADR 0706): for every subject whose data key still exists, moves it to the cold
 * tier {@code hotMonths} after the relationship ended, shreds it when the cold period (and any legal
 * retention) is over, and executes the erasures that were waiting for a legal retention to end.
 * One transaction under the log's writer lock; logs a {@link RetentionApplied} only when it changed
 * something, so a second run at the same instant does nothing.
 */
public final class RetentionService {
    public static final String ACTOR = "retention";
    private static final Logger LOG = LogManager.getLogger(RetentionService.class);

    private final Database db;
    private final Vault vault;
    private final Clock clock;
    private final RetentionPolicy policy;

    public RetentionService(Database db, Vault vault, Clock clock, RetentionPolicy policy) {
        this.db = db;
        this.vault = vault;
        this.clock = clock;
        this.policy = policy;
    }

    /** What a run did. {@code logged}: whether it changed anything (and so appended a {@link RetentionApplied}). */
    public record Report(String asOf, long subjects, long archived, long shredded, long erasuresExecuted, long rescheduled,
            boolean logged) {
        public long destroyed() {
            return shredded + erasuresExecuted;
        }
    }

    public Report run() {
        Instant now = clock.instant();
        Report r = db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            Map<String, ErasureScheduled> waiting = scheduled(dsl);
            long subjects = 0;
            long archived = 0;
            long shredded = 0;
            long executed = 0;
            long rescheduled = 0;
            for (Record2<String, String> row : dsl.select(PRIVACY_SUBJECTS.ACCOUNT, PRIVACY_SUBJECTS.SUBJECT).from(PRIVACY_SUBJECTS)
                    .orderBy(PRIVACY_SUBJECTS.ACCOUNT).fetch()) {
                String account = row.value1();
                String subject = row.value2();
                if (!vault.readable(dsl, subject)) {
                    continue;
                }
                subjects++;
                RetentionPolicy.Standing st = policy.standing(Relationship.of(dsl, account, subject));
                ErasureScheduled e = waiting.get(subject);
                if (e != null) {
                    Optional<Instant> keep = st.retainedAt(now);
                    if (keep.isEmpty()) {
                        vault.destroy(dsl, subject, "erasure request" + (e.request() == null ? "" : " " + e.request())
                                + ": the legal retention ended", ACTOR);
                        executed++;
                    } else if (keep.get().isAfter(Timestamps.parse("due", e.due()))) {
                        append(dsl, new ErasureScheduled(subject, account, e.request(), Timestamps.format(keep.get()), e.basis(),
                                Timestamps.format(st.relationship().ended())));
                        rescheduled++;
                    }
                    continue;
                }
                if (!now.isBefore(st.shredAt())) {
                    vault.destroy(dsl, subject, "retention policy: " + (policy.hotMonths() + policy.coldMonths())
                            + " months after the relationship ended", ACTOR);
                    shredded++;
                } else if (!now.isBefore(st.archiveAt()) && vault.archive(dsl, subject, account, "retention policy: "
                        + policy.hotMonths() + " months after the relationship ended", Timestamps.format(st.shredAt()))) {
                    archived++;
                }
            }
            boolean changed = archived + shredded + executed + rescheduled > 0;
            if (changed) {
                append(dsl, new RetentionApplied(Timestamps.format(now), subjects, archived, shredded, executed, rescheduled));
            }
            return new Report(Timestamps.format(now), subjects, archived, shredded, executed, rescheduled, changed);
        });
        LOG.info("retention as of {}: {} subject(s), {} archived, {} shredded, {} erasure(s) executed, {} rescheduled", r.asOf(),
                r.subjects(), r.archived(), r.shredded(), r.erasuresExecuted(), r.rescheduled());
        return r;
    }

    /** The latest scheduled erasure of each subject. */
    public static Map<String, ErasureScheduled> scheduled(DSLContext dsl) {
        Map<String, ErasureScheduled> out = new HashMap<>();
        EventLog.forEachOfTypes(dsl, List.of("ErasureScheduled"), (Event ev) -> {
            ErasureScheduled e = (ErasureScheduled) RetentionEvents.TYPES.decode(ev.type(), ev.payload());
            out.put(e.subject(), e);
        });
        return out;
    }

    /** Logs {@code e} in the caller's transaction. */
    public static void append(DSLContext dsl, RetentionEvent e, Instant at) {
        EventLog.appendIn(dsl, List.of(NewEvent.of(RetentionEvents.TYPES, e.streamId(), at, e)).iterator());
    }

    private void append(DSLContext dsl, RetentionEvent e) {
        append(dsl, e, clock.instant());
    }
}
