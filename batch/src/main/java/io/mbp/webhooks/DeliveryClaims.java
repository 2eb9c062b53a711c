package io.mbp.webhooks;

import static io.mbp.sql.schema.Tables.WEBHOOK_CLAIM;

import io.mbp.sql.Database;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Who sends a delivery's round (migration V82, ADR 0152). The daemon's worker and {@code mbp webhooks
 * deliver} fold the same log, so both can find one delivery due; each claims it for the round it saw
 * (its basis: the seq of the log event that made it due) and only the one whose conditional write
 * lands sends. A claim is taken when there is none, when it is for an older round, or when its
 * sender's lease ran out before it settled (it died between sending and logging: the delivery is sent
 * again, as at least once allows). Settled claims stop anyone who folded the log before the attempt
 * from sending that round again.
 */
final class DeliveryClaims {
    /** Longer than a send can take (5 s to connect and 10 s for the answer, {@link HttpWebhookSender}). */
    static final Duration LEASE = Duration.ofSeconds(60);
    /** Settled claims older than this are dropped: no sender's view of the log is that old. */
    static final Duration KEPT = Duration.ofDays(1);

    private final Database db;
    private final String owner;

    DeliveryClaims(Database db) {
        this(db, ProcessHandle.current().pid() + "/" + nonce());
    }

    DeliveryClaims(Database db, String owner) {
        this.db = db;
        this.owner = owner;
    }

    private static String nonce() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    String owner() {
        return owner;
    }

    /** True when this sender may send {@code delivery}'s round {@code basis} now; false when another one does or did. */
    boolean take(String delivery, long basis, Instant now) {
        long at = now.toEpochMilli();
        long until = now.plus(LEASE).toEpochMilli();
        try {
            return db.inTransaction(dsl -> {
                int taken = dsl.update(WEBHOOK_CLAIM).set(WEBHOOK_CLAIM.BASIS, basis).set(WEBHOOK_CLAIM.OWNER, owner)
                        .set(WEBHOOK_CLAIM.EXPIRES_AT, until).setNull(WEBHOOK_CLAIM.SETTLED_AT)
                        .where(WEBHOOK_CLAIM.DELIVERY_ID.eq(delivery).and(WEBHOOK_CLAIM.BASIS.lt(basis)
                                .or(WEBHOOK_CLAIM.BASIS.eq(basis).and(WEBHOOK_CLAIM.SETTLED_AT.isNull())
                                        .and(WEBHOOK_CLAIM.EXPIRES_AT.lt(at)))))
                        .execute();
                if (taken == 1) {
                    return true;
                }
                return dsl.insertInto(WEBHOOK_CLAIM, WEBHOOK_CLAIM.DELIVERY_ID, WEBHOOK_CLAIM.BASIS, WEBHOOK_CLAIM.OWNER,
                        WEBHOOK_CLAIM.EXPIRES_AT).values(delivery, basis, owner, until).onConflictDoNothing().execute() == 1;
            });
        } catch (IntegrityConstraintViolationException e) {
            return false; // another sender inserted the claim between our update and our insert
        }
    }

    /**
     * The round's attempt is in the log: nobody sends this round again, however stale their view. Runs
     * inside the transaction that appends the attempt, so both commit together; 0 when the claim is not ours.
     */
    int settleIn(DSLContext dsl, String delivery, long basis, Instant now) {
        return dsl.update(WEBHOOK_CLAIM).set(WEBHOOK_CLAIM.SETTLED_AT, now.toEpochMilli())
                .where(WEBHOOK_CLAIM.DELIVERY_ID.eq(delivery).and(WEBHOOK_CLAIM.BASIS.eq(basis)).and(WEBHOOK_CLAIM.OWNER.eq(owner)))
                .execute();
    }

    /** Drops claims settled more than {@link #KEPT} ago; returns how many. */
    int prune(Instant now) {
        long before = now.minus(KEPT).toEpochMilli();
        return db.inTransaction(dsl -> dsl.deleteFrom(WEBHOOK_CLAIM).where(WEBHOOK_CLAIM.SETTLED_AT.lt(before)).execute());
    }
}
