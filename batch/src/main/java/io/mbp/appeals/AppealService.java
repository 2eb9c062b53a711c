package io.mbp.appeals;

import io.mbp.error.BadInputException;
import io.mbp.error.UsageException;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.kyc.KycAccount;
import io.mbp.kyc.KycService;
import io.mbp.kyc.KycStatus;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Appeals of rejected or blocked customers (ADR 0707): each opening and decision is an event; an
 * overturned appeal moves the account through {@link KycService#reinstate} in the same transaction,
 * so the log never shows a decision without its effect.
 */
public final class AppealService {
    public static final int DEFAULT_SLA_DAYS = 15;

    /** An appeal as the log tells it; {@code decidedAt} null while open. */
    public record Appeal(String id, String account, String subject, String status, String reason, String openedBy, String openedAt,
            String due, String outcome, String decisionReason, String decidedBy, String decidedAt, String newStatus) {
        public boolean open() {
            return decidedAt == null;
        }

        /** Open past its deadline at {@code now}, or decided after it. */
        public boolean late(Instant now) {
            Instant d = Timestamps.parse("due", due);
            return open() ? now.isAfter(d) : Timestamps.parse("decided_at", decidedAt).isAfter(d);
        }
    }

    private final Database db;
    private final Clock clock;

    public AppealService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Appeal open(String account, String reason, int slaDays, String actor) {
        if (slaDays < 1 || slaDays > 90) {
            throw new UsageException("--sla-days must be between 1 and 90");
        }
        String id = db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            KycAccount a = KycService.account(dsl, account);
            if (a.status() != KycStatus.REJECTED && a.status() != KycStatus.BLOCKED) {
                throw new BadInputException("account " + account + " is " + a.status().code()
                        + ": only a rejected or blocked account may appeal");
            }
            for (Appeal p : appeals(dsl).values()) {
                if (p.account().equals(account) && p.open()) {
                    throw new BadInputException("account " + account + " already has an open appeal, " + p.id());
                }
            }
            Instant now = clock.instant();
            String appeal = "appeal-" + EventLog.size(dsl);
            append(dsl, new AppealOpened(appeal, account, a.subject(), a.status().code(), reason, actor,
                    Timestamps.format(now.plus(Duration.ofDays(slaDays)))));
            return appeal;
        });
        return get(id);
    }

    /** Decides an open appeal; {@code to} (verified or review) is where an overturned appeal moves the account. */
    public Appeal decide(String id, boolean overturned, KycStatus to, String reason, String actor) {
        db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            Appeal a = appeals(dsl).get(id);
            if (a == null) {
                throw new BadInputException("appeal " + id + ": no such appeal (see `mbp appeals list`)");
            }
            if (!a.open()) {
                throw new BadInputException("appeal " + id + " was decided already (" + a.outcome() + " at " + a.decidedAt() + ")");
            }
            if (overturned) {
                new KycService(db, null, clock).reinstate(dsl, a.account(), to, id, actor, reason);
            }
            append(dsl, new AppealDecided(id, a.account(), a.subject(), overturned ? "overturned" : "upheld", reason, actor,
                    overturned ? to.code() : null));
            return null;
        });
        return get(id);
    }

    public Appeal get(String id) {
        return db.read(dsl -> appeals(dsl).get(id));
    }

    /** Every appeal, oldest first. */
    public List<Appeal> list() {
        return db.read(dsl -> new ArrayList<>(appeals(dsl).values()));
    }

    static Map<String, Appeal> appeals(DSLContext dsl) {
        Map<String, Appeal> out = new LinkedHashMap<>();
        EventLog.forEachOfTypes(dsl, List.of("AppealOpened", "AppealDecided"), (Event e) -> {
            Object p = AppealEvents.TYPES.decode(e.type(), e.payload());
            if (p instanceof AppealOpened o) {
                out.put(o.appeal(), new Appeal(o.appeal(), o.account(), o.subject(), o.status(), o.reason(), o.openedBy(), e.ts(), o.due(),
                        null, null, null, null, null));
            } else if (p instanceof AppealDecided d && out.containsKey(d.appeal())) {
                Appeal o = out.get(d.appeal());
                out.put(o.id(), new Appeal(o.id(), o.account(), o.subject(), o.status(), o.reason(), o.openedBy(), o.openedAt(), o.due(),
                        d.outcome(), d.reason(), d.decidedBy(), e.ts(), d.newStatus()));
            }
        });
        return out;
    }

    private void append(DSLContext dsl, AppealEvent e) {
        EventLog.appendIn(dsl, List.of(NewEvent.of(AppealEvents.TYPES, e.subject(), clock.instant(), e)).iterator());
    }
}
