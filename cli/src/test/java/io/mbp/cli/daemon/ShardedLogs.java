package io.mbp.cli.daemon;

import static io.mbp.sql.schema.Tables.EVENTS;

import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jooq.impl.DSL;

/** The engines a test of several writers on one log runs on: H2 and SQLite always, PostgreSQL when -Dmbp.test.pg names one. */
final class ShardedLogs {
    private ShardedLogs() {
    }

    static List<String> engines() {
        List<String> e = new ArrayList<>(List.of("h2", "sqlite"));
        String pg = System.getProperty("mbp.test.pg", "");
        if (!pg.isBlank()) {
            e.add("postgresql");
        }
        return e;
    }

    /** An empty database of {@code engine}. */
    static String freshUrl(String engine, Path tmp) {
        return switch (engine) {
            case "h2" -> "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath() + ";AUTO_SERVER=TRUE";
            case "sqlite" -> "jdbc:sqlite:" + tmp.resolve("mbp.sqlite").toAbsolutePath();
            default -> throw new IllegalArgumentException(engine);
        };
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
