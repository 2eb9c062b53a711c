package io.mbp.cli.daemon;

import io.mbp.error.InfrastructureException;
import io.mbp.sql.Database;
import io.mbp.sql.Engine;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The daemon's SQLite write-ahead log as a file it fsyncs itself (docs/adr/0124). The engine's
 * connection commits with synchronous=NORMAL (the commit writes the WAL, SQLite syncs it only before
 * a checkpoint and when it restarts the WAL), and {@link DurableAcks} calls {@link #sync()} before it
 * answers: fsync flushes every dirty page of the file, whichever descriptor wrote it, so what the
 * transactions wrote before the call is on disk when it returns — what synchronous=FULL did inside
 * each commit, once for several batches and off the engine thread.
 */
final class WalFile implements DurableAcks.Disk, AutoCloseable {
    private final Path wal;
    private FileChannel channel;
    private Object key;

    private WalFile(Path wal) {
        this.wal = wal;
    }

    /**
     * For the daemon's engine connection on a SQLite file: its commits stop syncing and this syncs
     * them instead. Null on other engines (H2 and PostgreSQL sync inside the commit, ADR 0004) and
     * for an in-memory SQLite database.
     */
    static WalFile forEngine(Database engineDb) {
        Path file = Database.sqliteFile(engineDb.url());
        if (engineDb.engine() != Engine.SQLITE || file == null) {
            return null;
        }
        WalFile w = new WalFile(Path.of(file + "-wal"));
        try {
            w.open(); // before the first commit without fsync: a WAL that is not there is an error now, not later
            java.sql.Connection c = engineDb.connection();
            c.commit();
            c.setAutoCommit(true); // SQLite changes the safety level only outside a transaction
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA synchronous=NORMAL");
            } finally {
                c.setAutoCommit(false);
            }
        } catch (IOException | SQLException e) {
            w.close();
            throw new InfrastructureException("cannot take over the fsync of " + w.wal + ": " + e.getMessage(), e);
        }
        return w;
    }

    @Override
    public synchronized void sync() throws IOException {
        Object now = Files.readAttributes(wal, BasicFileAttributes.class).fileKey();
        if (now == null || !now.equals(key)) {
            open(); // another file under the name (the WAL was deleted and made again): sync the one SQLite writes
        }
        channel.force(false);
    }

    private void open() throws IOException {
        close();
        // the key first: if the name moves to another file between the two calls, the next sync opens again
        key = Files.readAttributes(wal, BasicFileAttributes.class).fileKey();
        channel = FileChannel.open(wal, StandardOpenOption.READ);
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing written through it
            }
            channel = null;
        }
    }
}
