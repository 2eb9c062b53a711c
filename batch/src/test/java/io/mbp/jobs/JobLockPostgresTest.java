package io.mbp.jobs;

import static io.mbp.sql.schema.Tables.JOB_LOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.sql.Database;
import io.mbp.sql.Engine;
import io.mbp.sql.NameKey;
import io.mbp.sql.testing.PostgresServer;
import io.mbp.sql.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, ADR 0310: on PostgreSQL the job lock is a session advisory lock. Two workers on two
 * machines (here: two sessions) never both hold it, whatever the lease row says; a holder whose
 * session dies frees it at once. Skipped only when no PostgreSQL server is given (scripts/test gives one).
 */
class JobLockPostgresTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC);
    private static final Clock A_DAY_LATER = Clock.offset(NOW, Duration.ofDays(1));

    private TestDatabase database;

    @BeforeEach
    void server() {
        PostgresServer.urlOrSkip();
        database = new TestDatabase(Engine.POSTGRESQL);
    }

    @AfterEach
    void drop() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aLiveHolderIsNeverTakenOverHoweverOldItsLease() {
        String url = database.url();
        try (Database first = Database.openMigrated(url); Database second = Database.open(url)) {
            JobLock a = new JobLock(first, NOW, "nightly", Duration.ofMinutes(10), "101@host-a/1");
            assertTrue(a.tryAcquire().isEmpty(), "the first worker takes the lock");
            // a day later the lease row has long expired, but worker A's session is alive: it still runs the job
            JobLock b = new JobLock(second, A_DAY_LATER, "nightly", Duration.ofMinutes(10), "202@host-b/2");
            assertEquals("101@host-a/1", b.tryAcquire().orElseThrow().getOwner());
            assertTrue(a.renew());
            a.release();
            assertTrue(b.tryAcquire().isEmpty(), "released: the second worker takes it");
            b.release();
        }
    }

    @Test
    void aHolderWhoseSessionDiesFreesTheLockAtOnce() throws Exception {
        String url = database.url();
        try (Database first = Database.openMigrated(url); Database second = Database.open(url)) {
            JobLock a = new JobLock(first, NOW, "nightly", Duration.ofHours(8), "101@host-a/1");
            assertTrue(a.tryAcquire().isEmpty());
            JobLock b = new JobLock(second, NOW, "nightly", Duration.ofHours(8), "202@host-b/2");
            assertFalse(b.tryAcquire().isEmpty(), "held by a live session on another host");

            // host A dies: its database session ends (terminated here), and with it the advisory lock
            assertEquals(1, terminateHolder(second, SessionLock.key(NameKey.schemaOf(second.connection()), "nightly")));
            assertFalse(a.renew(), "the dead holder's heartbeat learns it lost the lock");
            // the lease row still says host A until 11:00, on another host: only the database lock could free it
            assertTrue(b.tryAcquire().isEmpty(), "taken over at once, no lease to wait out");
            assertEquals("202@host-b/2", second.read(dsl -> dsl.select(JOB_LOCK.OWNER).from(JOB_LOCK)
                    .where(JOB_LOCK.LOCK_NAME.eq("nightly")).fetchOne(JOB_LOCK.OWNER)));
            b.release();
        }
    }

    @Test
    void installationsInTwoSchemasOfOneDatabaseDoNotLockEachOtherOut() {
        // advisory locks belong to the whole database: before the schema was part of the key, the second
        // schema's nightly was refused "already running" while the first one's ran (ADR 0310)
        try (TestDatabase other = new TestDatabase(Engine.POSTGRESQL); Database here = Database.openMigrated(database.url()); Database there = Database.openMigrated(other.url());
                Database hereAgain = Database.open(database.url())) {
            JobLock a = new JobLock(here, NOW, "nightly", Duration.ofMinutes(10), "101@host-a/1");
            assertTrue(a.tryAcquire().isEmpty(), "the first schema's worker takes its lock");
            JobLock b = new JobLock(there, NOW, "nightly", Duration.ofMinutes(10), "202@host-b/2");
            assertTrue(b.tryAcquire().isEmpty(), "the other schema's nightly runs beside it");
            JobLock c = new JobLock(hereAgain, A_DAY_LATER, "nightly", Duration.ofMinutes(10), "303@host-c/3");
            assertEquals("101@host-a/1", c.tryAcquire().orElseThrow().getOwner(), "the same schema is still refused");
            a.release();
            b.release();
        }
    }

    @Test
    void theDefaultSchemaKeepsTheKeyOfEarlierReleases() {
        // workers of two releases on the default schema must still exclude each other during an upgrade
        assertEquals(NameKey.of("mbp.job:nightly"), SessionLock.key("public", "nightly"));
        assertTrue(SessionLock.key("t_1", "nightly") != SessionLock.key("t_2", "nightly"));
    }

    /** pg_terminate_backend on the session holding advisory lock {@code key} (a role may end its own sessions), waiting for it to end. */
    private static int terminateHolder(Database db, long key) throws Exception {
        int n = 0;
        // With a timeout (PostgreSQL 14+) the call returns once the backend is gone, and its locks with it.
        try (PreparedStatement st = db.connection().prepareStatement("SELECT pg_terminate_backend(pid, 30000) FROM pg_locks "
                + "WHERE locktype = 'advisory' AND granted AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1")) {
            st.setLong(1, key >>> 32);
            st.setLong(2, key & 0xffffffffL);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    n += rs.getBoolean(1) ? 1 : 0;
                }
            }
        }
        db.connection().commit();
        return n;
    }
}
