package io.mbp.events;

import static io.mbp.sql.schema.Tables.EVENTS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.VerificationFailedException;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle's bulk copy (ADR 0120): the same rows as the log, or a refusal naming the event or the gap. */
class LogCopyTest {
    @TempDir
    Path dir;

    private Database source(int n) {
        Database db = Database.openMigrated("jdbc:h2:file:" + dir.resolve("src").toAbsolutePath());
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new NewEvent("Note", "s-" + (i % 7), "2026-11-27T12:00:0" + (i % 10) + "Z", "{\"i\":" + i + ",\"t\":\"é\"}"));
        }
        new EventLog(db).append(events);
        return db;
    }

    private Database target(String name) {
        return Database.openMigrated("jdbc:sqlite:" + dir.resolve(name));
    }

    @Test
    void copiesTheFirstNRowsByteForByteAndHandsOverTheirLeaves() {
        try (Database src = source(25_000); Database dst = target("a.sqlite")) {
            List<byte[]> leaves = new ArrayList<>();
            LogCopy.copy(src, 24_990, dst, 7_000, (seq, leaf) -> leaves.add(leaf));
            assertEquals(24_990, leaves.size());
            assertEquals(24_990, new EventLog(dst).size());
            List<Event> a = src.read(d -> EventLog.rowsFrom(d, 0, 30_000));
            List<Event> b = dst.read(d -> EventLog.rowsFrom(d, 0, 30_000));
            assertEquals(24_990, b.size());
            for (int i = 0; i < b.size(); i++) {
                Event x = a.get(i), y = b.get(i);
                assertEquals(List.of(x.seq(), x.type(), x.stream(), x.ts(), x.payload()), List.of(y.seq(), y.type(), y.stream(), y.ts(), y.payload()));
                assertArrayEquals(x.leafHash(), y.leafHash());
                assertArrayEquals(x.leafHash(), leaves.get(i));
            }
        }
    }

    @Test
    void anAlteredRowIsRefusedNamingItsSeq() {
        try (Database src = source(3_000); Database dst = target("b.sqlite")) {
            src.inTransaction(d -> d.execute("DROP TRIGGER events_no_update")); // behind the log's back
            src.inTransaction(d -> d.update(EVENTS).set(EVENTS.PAYLOAD, "{\"i\":2}").where(EVENTS.SEQ.eq(2_500L)).execute());
            VerificationFailedException e = assertThrows(VerificationFailedException.class,
                    () -> LogCopy.copy(src, 3_000, dst, 1_000, (seq, leaf) -> { }));
            assertTrue(e.getMessage().startsWith("event 2500 no longer matches its leaf hash"), e.getMessage());
        }
    }

    @Test
    void aMissingRowIsRefusedAsAGap() {
        try (Database src = source(3_000); Database dst = target("c.sqlite")) {
            src.inTransaction(d -> d.execute("DROP TRIGGER events_no_delete")); // behind the log's back
            src.inTransaction(d -> d.deleteFrom(EVENTS).where(EVENTS.SEQ.between(1_200L, 1_201L)).execute());
            VerificationFailedException e = assertThrows(VerificationFailedException.class,
                    () -> LogCopy.copy(src, 3_000, dst, 1_000, (seq, leaf) -> { }));
            assertTrue(e.getMessage().startsWith("the log has a gap in seq 1200..1201"), e.getMessage());
        }
    }
}
