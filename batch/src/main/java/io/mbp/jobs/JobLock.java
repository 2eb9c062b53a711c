package io.mbp.jobs;

import io.mbp.events.EventLog;
import static io.mbp.sql.schema.Tables.JOB_LOCK;

import io.mbp.sql.Database;
import io.mbp.sql.Engine;
import io.mbp.sql.schema.tables.records.JobLockRecord;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/**
 * A ShedLock-style lease in the shared database. Taken when free, when its lease expired, or when
 * its owner is a dead process on this host; renewed by the holder's heartbeat; released at the end.
 * Owner = {@code pid@host/nonce}, so two hosts sharing a database server still exclude each other.
 * On PostgreSQL the lock is the database's own (docs/adr/0310): a session advisory lock decides who
 * holds it, and the lease row only records the holder for `mbp jobs`; a live holder is never taken
 * over however old its lease, and a dead one's lock is free the moment its connection drops.
 */
public final class JobLock {
    private final Database db;
    private final Clock clock;
    private final String name;
    private final String owner;
    private final Duration lease;
    private SessionLock session;

    public JobLock(Database db, Clock clock, String name, Duration lease) {
        // The nonce tells two runs inside one process apart; pid@host finds dead holders.
        this(db, clock, name, lease, currentOwner() + "/" + Long.toHexString(new java.security.SecureRandom().nextLong()));
    }

    JobLock(Database db, Clock clock, String name, Duration lease, String owner) {
        this.db = db;
        this.clock = clock;
        this.name = name;
        this.lease = lease;
        this.owner = owner;
    }

    public static String currentOwner() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
        }
        return ProcessHandle.current().pid() + "@" + host;
    }

    public String owner() {
        return owner;
    }

    /** Takes the lock, or returns the current holder's record if someone alive holds it. */
    public Optional<JobLockRecord> tryAcquire() {
        boolean databaseLock = db.engine() == Engine.POSTGRESQL;
        if (databaseLock) {
            session = SessionLock.tryTake(db.url(), name);
            if (session == null) {
                JobLockRecord held = db.read(dsl -> dsl.selectFrom(JOB_LOCK).where(JOB_LOCK.LOCK_NAME.eq(name)).fetchOne());
                return Optional.of(held != null ? held : new JobLockRecord(name, "a live database session", "?", "?"));
            }
        }
        Optional<JobLockRecord> refused = tryLease(databaseLock);
        if (refused.isPresent() && session != null) {
            session.close();
            session = null;
        }
        return refused;
    }

    /** The lease row; with {@code databaseLock} held, whatever row is there belongs to a dead holder and is taken over. */
    private Optional<JobLockRecord> tryLease(boolean databaseLock) {
        Instant now = clock.instant();
        for (int attempt = 1; ; attempt++) {
            try {
                return lease(databaseLock, now);
            } catch (DataAccessException e) {
                // Lost an insert race to another process: it holds the lock now. No row at all means the
                // failure was something else (or the winner already let go): try again, then give up loudly.
                JobLockRecord holder = db.read(dsl -> dsl.selectFrom(JOB_LOCK).where(JOB_LOCK.LOCK_NAME.eq(name)).fetchOne());
                if (holder != null) {
                    return Optional.of(holder);
                }
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** One attempt at the lease row, in one transaction. */
    private Optional<JobLockRecord> lease(boolean databaseLock, Instant now) {
        return db.inTransaction(dsl -> {
            // Read-then-write: on SQLite the snapshot must not be overtaken by another writer's commit
            // (another job's heartbeat, the daemon) before the insert (EventLog.lockWritersOnSqlite).
            EventLog.lockWritersOnSqlite(dsl);
            JobLockRecord held = dsl.selectFrom(JOB_LOCK).where(JOB_LOCK.LOCK_NAME.eq(name)).fetchOne();
            String expires = now.plus(lease).toString();
            if (held == null) {
                dsl.insertInto(JOB_LOCK, JOB_LOCK.LOCK_NAME, JOB_LOCK.OWNER, JOB_LOCK.ACQUIRED_AT, JOB_LOCK.EXPIRES_AT)
                        .values(name, owner, now.toString(), expires).execute();
                return Optional.<JobLockRecord>empty();
            }
            boolean expired = Instant.parse(held.getExpiresAt()).isBefore(now);
            if (!databaseLock && !expired && !deadOnThisHost(held.getOwner())) {
                return Optional.of(held);
            }
            int taken = dsl.update(JOB_LOCK).set(JOB_LOCK.OWNER, owner).set(JOB_LOCK.ACQUIRED_AT, now.toString())
                    .set(JOB_LOCK.EXPIRES_AT, expires)
                    .where(JOB_LOCK.LOCK_NAME.eq(name).and(JOB_LOCK.OWNER.eq(held.getOwner()))
                            .and(JOB_LOCK.EXPIRES_AT.eq(held.getExpiresAt())))
                    .execute();
            return taken == 1 ? Optional.<JobLockRecord>empty() : Optional.of(held);
        });
    }

    /** Extends the lease; false if the lock was taken over (the caller must stop). */
    public boolean renew() {
        if (session != null && !session.held()) {
            return false;
        }
        String expires = clock.instant().plus(lease).toString();
        return db.inTransaction(dsl -> dsl.update(JOB_LOCK).set(JOB_LOCK.EXPIRES_AT, expires)
                .where(JOB_LOCK.LOCK_NAME.eq(name).and(JOB_LOCK.OWNER.eq(owner))).execute()) == 1;
    }

    public void release() {
        try {
            db.inTransaction(dsl -> dsl.deleteFrom(JOB_LOCK)
                    .where(JOB_LOCK.LOCK_NAME.eq(name).and(JOB_LOCK.OWNER.eq(owner))).execute());
        } finally {
            if (session != null) {
                session.close();
                session = null;
            }
        }
    }

    static boolean deadOnThisHost(String holder) {
        int at = holder.indexOf('@');
        if (at < 0) {
            return false;
        }
        int slash = holder.indexOf('/', at);
        String host = slash < 0 ? holder.substring(at + 1) : holder.substring(at + 1, slash);
        String me = currentOwner();
        String myHost = me.substring(me.indexOf('@') + 1);
        if (!host.equals(myHost)) {
            return false;
        }
        try {
            long pid = Long.parseLong(holder.substring(0, at));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
