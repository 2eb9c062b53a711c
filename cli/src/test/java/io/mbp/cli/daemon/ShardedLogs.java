package io.mbp.cli.daemon;

import static io.mbp.sql.schema.Tables.EVENTS;

import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import org.jooq.impl.DSL;

/** Reads of the log's shape for tests of several writers on one log. */
final class ShardedLogs {
    private ShardedLogs() {
    }

    static long size(Database db) {
        return db.read(EventLog::size);
    }

    static long count(Database db) {
        return db.read(dsl -> dsl.fetchCount(EVENTS));
    }

    static long maxSeq(Database db) {
        Long max = db.read(dsl -> dsl.select(DSL.max(EVENTS.SEQ)).from(EVENTS).fetchOne(0, Long.class));
        return max == null ? -1 : max;
    }
}
