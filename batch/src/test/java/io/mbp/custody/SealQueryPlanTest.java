package io.mbp.custody;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.sql.Database;
import io.mbp.sql.Engine;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The full audit reads every event and every stored subtree once per seal, so its two reads must be
 * range reads in key order, never a scan or a sort: the events page on the primary key (seq), the
 * stored subtrees on their first_seq index. This pins the plans the embedded engines choose on a
 * sealed log, so a migration that drops or reshapes those keys (as V80/V81 reshaped the events table)
 * fails here instead of as a slower nightly (docs/benchmarks.md, session 7).
 */
class SealQueryPlanTest {

    @EveryEngine
    void theSealReadsEventsAndSubtreesByKeyRangeWithoutASort(TestDatabase engine) throws SQLException {
        Assumptions.assumeFalse(engine.is(Engine.POSTGRESQL), "PostgreSQL plans follow its statistics; pinned on the embedded stores");
        try (Database db = Database.openMigrated(engine.url())) {
            SealServiceTest.append(db, 0, 3000);
            new SealService(db, Clock.systemUTC()).seal(SealServiceTest.SIGNER, SealService.Audit.FULL);
            String[] sql = db.read(SealRows::sql);
            try (var st = db.connection().createStatement()) {
                st.execute("ANALYZE");
            }
            String events = plan(db, engine, sql[0]);
            String nodes = plan(db, engine, sql[1]);
            if (engine.is(Engine.H2)) {
                assertTrue(events.contains("PRIMARY_KEY") && events.contains("SEQ >= ?") && events.contains("SEQ < ?"),
                        () -> "events page not a primary-key range read:\n" + events);
                assertTrue(events.contains("index sorted"), () -> "events page sorted after reading:\n" + events);
                assertTrue(nodes.contains("IX_MERKLE_NODES_FIRST") && nodes.contains("FIRST_SEQ >= ?"),
                        () -> "stored subtrees not read by first_seq range:\n" + nodes);
            } else {
                assertTrue(events.contains("USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"),
                        () -> "events page not a rowid range read:\n" + events);
                assertFalse(events.contains("TEMP B-TREE"), () -> "events page sorted after reading:\n" + events);
                assertTrue(nodes.contains("USING INDEX ix_merkle_nodes_first (first_seq>? AND first_seq<?)"),
                        () -> "stored subtrees not read by first_seq range:\n" + nodes);
            }
        }
    }

    /** The engine's plan for {@code sql} with its two range bounds bound, as one text. */
    private static String plan(Database db, TestDatabase engine, String sql) throws SQLException {
        String explain = (engine.is(Engine.SQLITE) ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql;
        List<String> lines = new ArrayList<>();
        try (PreparedStatement ps = db.connection().prepareStatement(explain)) {
            ps.setLong(1, 1024);
            ps.setLong(2, 2048);
            try (ResultSet rs = ps.executeQuery()) {
                int col = engine.is(Engine.SQLITE) ? 4 : 1; // SQLite: id, parent, notused, detail
                while (rs.next()) {
                    lines.add(rs.getString(col));
                }
            }
        }
        return String.join("\n", lines);
    }
}
