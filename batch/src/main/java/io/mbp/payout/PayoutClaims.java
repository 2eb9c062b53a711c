package io.mbp.payout;

import io.mbp.error.InfrastructureException;
import io.mbp.sql.Database;
import io.mbp.sql.NameKey;
import java.lang.management.ManagementFactory;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Claims on payout instructions, on PostgreSQL (docs/adr/0310): a worker row-locks the
 * {@code payout_claim} rows of the instructions it is about to send with {@code FOR UPDATE SKIP
 * LOCKED}, so a second worker on another machine skips them and takes the next ones instead of
 * waiting or sending them too. The lock lives in a transaction on a session of its own, open while
 * the claimed instructions are worked: a commit releases the claim, and a worker that dies releases it
 * with its session. The lock is the claim; the row's worker and time only say who had it last.
 */
final class PayoutClaims implements AutoCloseable {
    private final Database session;
    private final Clock clock;
    private final String worker;
    private List<String> claimed = List.of();
    private String claimedAt;

    private PayoutClaims(Database session, Clock clock, String worker) {
        this.session = session;
        this.clock = clock;
        this.worker = worker;
    }

    /** A claims session on the server {@code db} is connected to. */
    static PayoutClaims open(Database db, Clock clock) {
        String host = ManagementFactory.getRuntimeMXBean().getName();
        return new PayoutClaims(Database.open(db.url()), clock, host + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Who this worker is in {@code payout_claim.worker}: {@code pid@host/nonce}. */
    String worker() {
        return worker;
    }

    /**
     * Runs {@code work} while holding the transaction advisory lock {@code name}: steps that read the
     * whole log and append from it (instructing, recording returns) run on one worker at a time, so two
     * workers never both append what each found missing.
     */
    <T> T serialized(String name, Supplier<T> work) {
        Connection c = session.connection();
        try {
            try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                st.setLong(1, key(NameKey.schemaOf(c), name));
                st.executeQuery().close();
            }
            T result = work.get();
            c.commit();
            return result;
        } catch (SQLException e) {
            rollback();
            throw failure("lock " + name, e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
    }

    /** Makes sure each of {@code ids} has a claim row (rows are never deleted: a re-run reuses them). */
    void offer(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Connection c = session.connection();
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO payout_claim (instruction_id) SELECT i FROM unnest(?::varchar[]) AS o(i)"
                + " WHERE NOT EXISTS (SELECT 1 FROM payout_claim c WHERE c.instruction_id = o.i) ON CONFLICT DO NOTHING")) {
            st.setArray(1, array(ids));
            st.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            rollback();
            throw failure("offer payout claims", e);
        }
    }

    /**
     * Claims up to {@code max} of {@code ids} that no other worker holds, in id order; held until
     * {@link #release()}. Empty when every one is taken (or none is left).
     */
    List<String> claim(Collection<String> ids, int max) {
        List<String> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        Connection c = session.connection();
        try {
            try (PreparedStatement st = c.prepareStatement("SELECT instruction_id FROM payout_claim"
                    + " WHERE instruction_id = ANY(?) ORDER BY instruction_id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                st.setArray(1, array(ids));
                st.setInt(2, max);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            if (out.isEmpty()) {
                c.commit();
            }
            claimed = out;
            claimedAt = clock.instant().toString();
            return out;
        } catch (SQLException e) {
            rollback();
            throw failure("claim payouts", e);
        }
    }

    /**
     * Claims every one of {@code ids}, waiting for the workers that hold some to end their claims
     * (plain {@code FOR UPDATE}, in id order like every claim, so two waiters cannot deadlock).
     */
    List<String> claimWaiting(Collection<String> ids) {
        List<String> out = new ArrayList<>();
        Connection c = session.connection();
        try {
            try (PreparedStatement st = c.prepareStatement("SELECT instruction_id FROM payout_claim"
                    + " WHERE instruction_id = ANY(?) ORDER BY instruction_id FOR UPDATE")) {
                st.setArray(1, array(ids));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            if (out.isEmpty()) {
                c.commit();
            }
            claimed = out;
            claimedAt = clock.instant().toString();
            return out;
        } catch (SQLException e) {
            rollback();
            throw failure("wait for the other workers' payout claims", e);
        }
    }

    /**
     * Ends the current claim: the instructions' outcomes are in the log, another worker may look at
     * them. The rows say who had them only now: an update while they are claimed would make another
     * worker's {@link #offer} wait on this transaction (a locked row does not, a changed one does).
     */
    void release() {
        Connection c = session.connection();
        try {
            if (!claimed.isEmpty()) {
                try (PreparedStatement st = c.prepareStatement(
                        "UPDATE payout_claim SET worker = ?, claimed_at = ? WHERE instruction_id = ANY(?)")) {
                    st.setString(1, worker);
                    st.setString(2, claimedAt);
                    st.setArray(3, array(claimed));
                    st.executeUpdate();
                }
            }
            claimed = List.of();
            c.commit();
        } catch (SQLException e) {
            // the session is gone, and its locks with it
            rollback();
        }
    }

    @Override
    public void close() {
        rollback();
        session.close();
    }

    private void rollback() {
        try {
            session.connection().rollback();
        } catch (SQLException ignored) {
            // a dead session holds nothing
        }
    }

    private Array array(Collection<String> ids) throws SQLException {
        return session.connection().createArrayOf("varchar", ids.toArray(new String[0]));
    }

    private InfrastructureException failure(String what, SQLException e) {
        return new InfrastructureException("cannot " + what + " on " + Database.redact(session.url()) + ": "
                + e.getMessage(), e);
    }

    /**
     * The advisory key of {@code name} for tables in {@code schema}: {@link NameKey#ofLock} of "mbp.payouts:" +
     * name, beside the job lock's "mbp.job:" keys; two schemas of one database do not wait on each other.
     */
    static long key(String schema, String name) {
        return NameKey.ofLock("mbp.payouts:", schema, name);
    }
}
