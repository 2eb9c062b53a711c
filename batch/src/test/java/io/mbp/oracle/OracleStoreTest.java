package io.mbp.oracle;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.io.TempDir;

class OracleStoreTest {
    @TempDir
    Path tmp;


    static String url(TestDatabase engine) {
        return engine.url();
    }

    static final Instant T = Instant.parse("2026-11-27T12:00:00Z");

    /**
     * I3 holds even if the deciding code were wrong: a second Finalized for the same event is
     * refused by the database, and the whole transaction (event and projection) rolls back.
     */
    @EveryEngine
    void theDatabaseRefusesASecondFinalizedForTheSameEvent(TestDatabase engine) {
        try (Database db = Database.openMigrated(url(engine))) {
            OracleService svc = new OracleService(db);
            Clock clock = Clock.fixed(T, ZoneOffset.UTC);
            svc.run(new OracleCommand.RegisterEvent(new OracleEventRegistered("e1", "categorical", null, null, null,
                    List.of("yes", "no"), "2026-11-27T12:00:00Z", 1800, 7200, null), "test"), clock);
            Finalized first = new Finalized("e1", "categorical", null, "yes", false, "committee", "2026-11-27T12:00:00Z");
            db.inTransaction(dsl -> OracleStore.append(dsl, List.of(OracleStore.toNew(first, T)), List.of(first)));
            long size = new EventLog(db).size();

            Finalized second = new Finalized("e1", "categorical", null, "no", false, "committee", "2026-11-27T13:00:00Z");
            assertThrows(DataAccessException.class, () -> db.inTransaction(dsl ->
                    OracleStore.append(dsl, List.of(OracleStore.toNew(second, T)), List.of(second))));
            assertEquals(size, new EventLog(db).size(), "the refused Finalized left no event behind");
            assertEquals("yes", svc.state().event("e1").finalized().outcome());
        }
    }

    @EveryEngine
    void stateReplayedFromTheLogEqualsTheStateTheCommandsDecidedOn(TestDatabase engine) {
        Scenario live = OracleEngineTest.escalated();
        try (Database db = Database.openMigrated(url(engine))) {
            db.inTransaction(dsl -> OracleStore.append(dsl,
                    live.log.stream().map(e -> OracleStore.toNew(e, T)).toList(), live.log));
            OracleState replayed = new OracleService(db).state();
            assertEquals(OracleStatus.of(live.state, "match", 12), OracleStatus.of(replayed, "match", 12));
            replayed.sources().forEach((id, s) -> assertEquals(live.state.sources().get(id).weightBps(), s.weightBps()));
        }
    }
}
