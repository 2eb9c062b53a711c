package io.mbp.cli.daemon;

import io.mbp.events.EventLog;
import io.mbp.sql.Database;

/** The log's shape for tests of several writers on one log, read through the log's own scan. */
final class ShardedLogs {
    private ShardedLogs() {
    }

    static long size(Database db) {
        return db.read(EventLog::size);
    }

    /** The seqs stored, in order: {count, first seq that is not its position (or -1)}. */
    static long[] rows(Database db) {
        return db.read(dsl -> {
            long[] r = {0, -1};
            EventLog.scan(dsl, 0, (seq, type, stream, ts, payload) -> {
                if (seq != r[0] && r[1] < 0) {
                    r[1] = seq;
                }
                r[0]++;
            });
            return r;
        });
    }
}
