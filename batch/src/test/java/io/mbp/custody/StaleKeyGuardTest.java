package io.mbp.custody;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.error.BadInputException;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.io.TempDir;

class StaleKeyGuardTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    static KeyAge age(Duration d) {
        return new KeyAge(KeyAge.Kind.OPERATOR, "1a2b3c4d", T0, T0.plus(d));
    }

    @Property
    void staleExactlyPastNinetyDaysDueFromEighty(@ForAll @LongRange(min = 0, max = 400L * 86_400) long seconds) {
        KeyAge a = age(Duration.ofSeconds(seconds));
        assertEquals(seconds > 90L * 86_400, a.stale());
        assertEquals(seconds >= 80L * 86_400 && seconds <= 90L * 86_400, a.dueSoon());
        assertEquals(a.stale() || a.dueSoon(), a.warning().isPresent());
    }

    @EveryEngine
    void aStaleKeyIsRefusedWithoutTheOverrideAndNothingIsLogged(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url())) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> StaleKeyGuard.admit(db, age(Duration.ofDays(91)), "seal", null));
            assertEquals(4, e.exitCode());
            assertTrue(e.getMessage().contains("operator key 1a2b3c4d is 91 days old") && e.getMessage().contains("--allow-stale-key")
                    && e.getMessage().contains("MBP_ALLOW_STALE_KEY=1") && e.getMessage().contains("mbp keys rotate"), e.getMessage());
            assertEquals(0, new EventLog(db).size());
            assertTrue(StaleKeyGuard.admit(db, age(Duration.ofDays(90)), "seal", null).isEmpty(), "90 days is still allowed");
            assertEquals(0, new EventLog(db).size());
        }
    }

    @EveryEngine
    void theOverrideIsRecordedInTheLogWithKeyIdAgeAndSwitch(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(engine.url())) {
            KeyAge chain = new KeyAge(KeyAge.Kind.CHAIN, "0xAbC", T0, T0.plus(Duration.ofDays(120)));
            String note = StaleKeyGuard.admit(db, chain, "anchor", "MBP_ALLOW_STALE_KEY=1").orElseThrow();
            assertTrue(note.contains("chain key 0xAbC") && note.contains("120 days"), note);
            EventLog log = new EventLog(db);
            assertEquals(1, log.size());
            assertEquals("StaleKeyUsed", log.get(0).type());
            JsonNode p = new ObjectMapper().readTree(log.get(0).payload());
            assertEquals("chain", p.get("key_kind").asText());
            assertEquals("0xAbC", p.get("key_id").asText());
            assertEquals(120, p.get("age_days").asLong());
            assertEquals("anchor", p.get("purpose").asText());
            assertEquals("MBP_ALLOW_STALE_KEY=1", p.get("allowed_by").asText());
            assertFalse(StaleKeyGuard.admit(db, age(Duration.ofDays(3)), "seal", "--allow-stale-key").isPresent(),
                    "a young key needs no override and leaves no record");
            assertEquals(1, log.size());
        }
    }
}
