package io.mbp.jobs;

import io.mbp.sql.Database;
import io.mbp.sql.NameKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A PostgreSQL session-level advisory lock on a connection of its own (docs/adr/0310): held while
 * that session lives, released by PostgreSQL itself when the holder's process or machine dies and its
 * connection drops. So on PostgreSQL the job lock needs no lease guesswork: whoever holds this lock
 * runs the job, and a crashed holder frees it at once.
 */
final class SessionLock implements AutoCloseable {
    private final Database session;
    private final long key;

    private SessionLock(Database session, long key) {
        this.session = session;
        this.key = key;
    }

    /** The lock named {@code name} on the server at {@code url}, or null when another live session holds it. */
    static SessionLock tryTake(String url, String name) {
        Database session = Database.open(url);
        try {
            long key = key(NameKey.schemaOf(session.connection()), name);
            boolean taken;
            try (PreparedStatement st = session.connection().prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                st.setLong(1, key);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    taken = rs.getBoolean(1);
                }
            }
            // session-level: the lock outlives this transaction; commit so no transaction stays open
            session.connection().commit();
            if (taken) {
                return new SessionLock(session, key);
            }
        } catch (SQLException e) {
            session.close();
            throw new IllegalStateException("cannot take the job's advisory lock: " + e.getMessage(), e);
        }
        session.close();
        return null;
    }

    /**
     * The advisory lock key of job {@code name} for tables in {@code schema}: {@link NameKey#ofLock} of
     * "mbp.job:" + name, so job names never collide by accident, and installations in two schemas of one
     * database do not refuse each other's jobs.
     */
    static long key(String schema, String name) {
        return NameKey.ofLock("mbp.job:", schema, name);
    }

    /** Still held: the session answers. A dropped or terminated session has lost the lock. */
    boolean held() {
        try (PreparedStatement st = session.connection().prepareStatement("SELECT 1")) {
            st.executeQuery().close();
            session.connection().commit();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try (PreparedStatement st = session.connection().prepareStatement("SELECT pg_advisory_unlock(?)")) {
            st.setLong(1, key);
            st.executeQuery().close();
            session.connection().commit();
        } catch (SQLException e) {
            // the session is gone, and the lock with it
        } finally {
            session.close();
        }
    }
}
