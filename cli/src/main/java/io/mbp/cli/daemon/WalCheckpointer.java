package io.mbp.cli.daemon;

import io.mbp.sql.Database;
import io.mbp.sql.Engine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Keeps SQLite's WAL checkpoints off the group commit's path (docs/adr/0125). By default the commit
 * that grows the WAL past 1,000 pages copies them into the database file and fsyncs it before it
 * returns, so every ~100th batch of orders waited for that too. The daemon turns the automatic
 * checkpoint off on its engine connection and runs a PASSIVE checkpoint on a connection of its own
 * here: it never blocks the writer, and the WAL still holds every commit fsynced (synchronous=FULL),
 * so an acknowledged order survives kill -9 and power loss as before. On other engines: nothing.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(WalCheckpointer.class);
    /** How often the WAL is copied back; at ~1,000 orders per second it stays a few MiB. */
    static final long EVERY_MILLIS = 250;

    private final Database own;
    private final ScheduledExecutorService timer;
    private volatile long checkpoints;
    private volatile long pagesBackfilled;

    private WalCheckpointer(Database own) {
        this.own = own;
        this.timer = own == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wal-checkpoint");
            t.setDaemon(true);
            return t;
        });
    }

    /** For the daemon's engine connection {@code engineDb}: on SQLite, its autocheckpoint off and a checkpoint thread. */
    static WalCheckpointer forEngine(Database engineDb) {
        if (engineDb.engine() != Engine.SQLITE || Database.inMemory(engineDb.url())) {
            return new WalCheckpointer(null);
        }
        try (Statement st = engineDb.connection().createStatement()) {
            st.execute("PRAGMA wal_autocheckpoint=0");
            engineDb.connection().commit();
        } catch (SQLException e) {
            throw new io.mbp.error.InfrastructureException("cannot turn off the automatic WAL checkpoint of "
                    + Database.redact(engineDb.url()) + ": " + e.getMessage(), e);
        }
        Database own = Database.open(engineDb.url());
        try {
            own.connection().setAutoCommit(true); // a checkpoint cannot run inside a transaction
        } catch (SQLException e) {
            own.close();
            throw new io.mbp.error.InfrastructureException("cannot open the WAL checkpoint connection: " + e.getMessage(), e);
        }
        return new WalCheckpointer(own);
    }

    void start() {
        if (timer != null) {
            timer.scheduleWithFixedDelay(this::checkpoint, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Checkpoints run so far and WAL pages they copied into the database file (GET /metrics). */
    long[] counters() {
        return new long[] {checkpoints, pagesBackfilled};
    }

    /** One PASSIVE checkpoint: copies what no reader still needs, never waits for a lock. */
    void checkpoint() {
        if (own == null) {
            return;
        }
        Connection c = own.connection();
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            if (r.next()) {
                checkpoints++;
                pagesBackfilled += Math.max(0, r.getLong(3));
            }
        } catch (SQLException | RuntimeException e) {
            // the next run tries again; meanwhile the WAL only grows, every commit in it stays durable
            LOG.warn("WAL checkpoint failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpoint();
        own.close();
    }
}
