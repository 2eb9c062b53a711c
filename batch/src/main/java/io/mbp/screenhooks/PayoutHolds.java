package io.mbp.screenhooks;

import static io.mbp.sql.schema.Tables.SCREENING_HOLDS;

import io.mbp.error.BadInputException;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Payouts held by a screening hit and their review (ADR 0717): the {@code screening_holds} table
 * (V78), written in the transaction that appends {@link PayoutHeld} or {@link PayoutHoldDecided}.
 * A held payout stays unpaid; released, the next run pays it (unless a new entity hits); confirmed,
 * it stays blocked.
 */
public final class PayoutHolds {
    private static final Logger LOG = LogManager.getLogger(PayoutHolds.class);
    public static final String HELD = "held";

    /** A row: the instruction, its account and amount, the state (held, released, confirmed) and why. */
    public record Hold(String instructionId, String account, long amount, String state, String reason, List<String> hits,
                       String heldAt, String decidedBy, String decidedAt, String decisionReason) {
        /** The list entities ("list/entity_id") the hold names, without scores. */
        public List<String> entities() {
            return hits.stream().map(h -> h.split(" ")[0]).toList();
        }
    }

    private final Database db;
    private final Clock clock;

    public PayoutHolds(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Every hold by instruction id, oldest first. */
    public Map<String, Hold> all() {
        return db.read(dsl -> {
            Map<String, Hold> out = new LinkedHashMap<>();
            for (Record r : dsl.selectFrom(SCREENING_HOLDS).orderBy(SCREENING_HOLDS.HELD_AT, SCREENING_HOLDS.INSTRUCTION_ID).fetch()) {
                Hold h = hold(r);
                out.put(h.instructionId(), h);
            }
            return out;
        });
    }

    /** Logs and stores a hold of {@code instructionId} (a released hold that hits again is held again). */
    Hold hold(String instructionId, String account, long amount, String reason, List<String> hits) {
        Instant now = clock.instant();
        PayoutHeld e = new PayoutHeld(instructionId, account, amount, reason, hits);
        db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            dsl.deleteFrom(SCREENING_HOLDS).where(SCREENING_HOLDS.INSTRUCTION_ID.eq(instructionId)).execute();
            dsl.insertInto(SCREENING_HOLDS).set(SCREENING_HOLDS.INSTRUCTION_ID, instructionId).set(SCREENING_HOLDS.ACCOUNT, account)
                    .set(SCREENING_HOLDS.AMOUNT, amount).set(SCREENING_HOLDS.STATE, HELD).set(SCREENING_HOLDS.REASON, reason)
                    .set(SCREENING_HOLDS.HITS, String.join("; ", hits)).set(SCREENING_HOLDS.HELD_AT, Timestamps.format(now)).execute();
            append(dsl, e, now);
            return null;
        });
        LOG.warn("payout {} of account {} held: {}", instructionId, account, reason);
        return new Hold(instructionId, account, amount, HELD, reason, hits, Timestamps.format(now), null, null, null);
    }

    /**
     * A reviewer's decision on a held payout: {@link PayoutHoldDecided#RELEASED} or
     * {@link PayoutHoldDecided#CONFIRMED}. Only a held payout can be decided (exit 4 otherwise).
     */
    public Hold decide(String instructionId, String decision, String by, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BadInputException("--reason: say why (it is logged with the decision)");
        }
        Instant now = clock.instant();
        db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            Record r = dsl.selectFrom(SCREENING_HOLDS).where(SCREENING_HOLDS.INSTRUCTION_ID.eq(instructionId)).fetchOne();
            if (r == null) {
                throw new BadInputException("payout " + instructionId + " is not held by screening (see `mbp screening holds list`)");
            }
            Hold h = hold(r);
            if (!HELD.equals(h.state())) {
                throw new BadInputException("payout " + instructionId + " was already " + h.state() + " by " + h.decidedBy()
                        + " at " + h.decidedAt() + "; nothing was changed");
            }
            dsl.update(SCREENING_HOLDS).set(SCREENING_HOLDS.STATE, decision).set(SCREENING_HOLDS.DECIDED_BY, by)
                    .set(SCREENING_HOLDS.DECIDED_AT, Timestamps.format(now)).set(SCREENING_HOLDS.DECISION_REASON, reason)
                    .where(SCREENING_HOLDS.INSTRUCTION_ID.eq(instructionId)).execute();
            append(dsl, new PayoutHoldDecided(instructionId, h.account(), decision, by, reason), now);
            return null;
        });
        LOG.info("payout {} hold {} by {}", instructionId, decision, by);
        return all().get(instructionId);
    }

    private static void append(DSLContext dsl, ScreeningHookEvent e, Instant at) {
        EventLog.appendIn(dsl, List.of(NewEvent.of(ScreeningHookEvents.TYPES, e.streamId(), at, e)).iterator());
    }

    private static Hold hold(Record r) {
        String hits = r.get(SCREENING_HOLDS.HITS);
        return new Hold(r.get(SCREENING_HOLDS.INSTRUCTION_ID), r.get(SCREENING_HOLDS.ACCOUNT), r.get(SCREENING_HOLDS.AMOUNT),
                r.get(SCREENING_HOLDS.STATE), r.get(SCREENING_HOLDS.REASON),
                hits.isEmpty() ? List.of() : Arrays.asList(hits.split("; ")), r.get(SCREENING_HOLDS.HELD_AT),
                r.get(SCREENING_HOLDS.DECIDED_BY), r.get(SCREENING_HOLDS.DECIDED_AT), r.get(SCREENING_HOLDS.DECISION_REASON));
    }
}
