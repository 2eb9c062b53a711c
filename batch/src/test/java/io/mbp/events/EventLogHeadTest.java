package io.mbp.events;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import io.mbp.sql.Engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.error.VerificationFailedException;
import io.mbp.market.DepositReceived;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head check an append makes: rows changed behind mbp's back refuse further appends, naming the seq. */
class EventLogHeadTest {
    private static final EventTypes TYPES = EventCatalog.standard();

    @TempDir
    Path tmp;

    private static List<NewEvent> deposits(int from, int n) {
        List<NewEvent> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            out.add(NewEvent.of(TYPES, "acct-" + i, Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i),
                    new DepositReceived("acct-" + i, 1000L + i, "E" + i)));
        }
        return out;
    }

    private String h2Url() {
        return "jdbc:h2:file:" + tmp.resolve("log").toAbsolutePath();
    }

    /** What someone with SQL privileges can do: drop the guard and delete a row. */
    private static void deleteBehindTheLogsBack(Database db, long seq) throws Exception {
        try (Statement st = db.connection().createStatement()) {
            // PostgreSQL's one trigger guards UPDATE and DELETE together (V2).
            st.execute(db.engine() == Engine.POSTGRESQL ? TestDatabase.dropTrigger(db.engine(), "events_no_update", "events")
                    : "DROP TRIGGER events_no_delete");
            st.execute("DELETE FROM events WHERE seq = " + seq);
        }
        if (!db.connection().getAutoCommit()) {
            db.connection().commit();
        }
    }

    @Test
    void aRowMissingInTheMiddleRefusesAppendsNamingTheSeqOnH2() throws Exception {
        try (Database db = Database.openMigrated(h2Url())) {
            EventLog log = new EventLog(db);
            log.append(deposits(0, 10));
            deleteBehindTheLogsBack(db, 4);
            VerificationFailedException e = assertThrows(VerificationFailedException.class, () -> log.append(deposits(10, 1)));
            assertTrue(e.getMessage().contains("seq 4 is missing"), e.getMessage());
            assertEquals(9, log.tail(100).size(), "nothing was appended");
        }
    }

    @EveryEngine
    void theLastRowMissingRefusesAppendsOnEveryEngine(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(engine.url())) {
            EventLog log = new EventLog(db);
            log.append(deposits(0, 5));
            deleteBehindTheLogsBack(db, 4);
            VerificationFailedException e = assertThrows(VerificationFailedException.class, () -> log.append(deposits(5, 1)));
            assertTrue(e.getMessage().contains("ends at seq 3"), e.getMessage());
        }
    }
}
